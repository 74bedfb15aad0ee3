import { Document, LineCounter, Node, isAlias, isMap, isScalar, isSeq, parseDocument } from "yaml";
import { INPUT_LIMITS, InputRefusal, readText } from "./read-text";
import { InvalidInputError, Location, Problem } from "./problems";

/** A path into a parsed document: object keys and array indexes. */
export type FieldPath = readonly (string | number)[];

/** `defaults.alarm.period`, `accounts[1].id` */
export function formatPath(path: FieldPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

/**
 * Aliases may repeat a node at most this often in all (the yaml library's guard against
 * "billion laughs" documents, which expand a few lines into gigabytes).
 */
const MAX_ALIAS_EXPANSIONS = 100;

/**
 * A YAML file parsed into plain JSON-like values that remembers where every key and value
 * came from, so later checks (schema, cross-references, AWS limits) can point at the line.
 * Values come from the yaml library itself (aliases resolved under its expansion limit);
 * positions come from walking the parsed nodes without following aliases, so a path inside
 * an aliased value points at the alias. Hostile documents (nesting deeper than
 * INPUT_LIMITS.depth, alias bombs, aliases that contain themselves, unknown tags) are
 * refused with a location, never a stack trace.
 */
export class YamlSource {
  readonly file: string;
  readonly value: unknown;
  private readonly lines: LineCounter;
  private readonly text: string;
  private readonly valueOffsets = new Map<string, number>();
  private readonly keyOffsets = new Map<string, number>();

  private constructor(file: string, text: string, doc: Document, lines: LineCounter) {
    this.file = file;
    this.text = text;
    this.lines = lines;
    const problems: Problem[] = [];
    const aliases: number[] = [];
    this.walk(doc, doc.contents, [], problems, aliases);
    if (problems.length) throw new InvalidInputError(problems);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
    } catch (error) {
      const at = this.toLocation(aliases[0] ?? 0);
      const excessive = /Excessive alias count/.test((error as Error).message);
      throw new InvalidInputError([
        {
          location: at,
          field: "",
          message: excessive
            ? `aliases expand to more than ${MAX_ALIAS_EXPANSIONS} copies of their anchors; refused (a document like this can grow to gigabytes)`
            : `the aliases cannot be resolved: ${firstLine((error as Error).message)}`,
        },
      ]);
    }
    const cycle = findCycle(value);
    if (cycle) {
      throw new InvalidInputError([
        {
          location: this.locate(cycle),
          field: formatPath(cycle),
          message: "an alias here refers to a collection that contains it, so the value would be infinite",
        },
      ]);
    }
    this.value = value ?? null;
  }

  /** Parses YAML text; every problem becomes an InvalidInputError naming line and column. */
  static parse(file: string, text: string): YamlSource {
    const deep = tooDeep(text, INPUT_LIMITS.depth);
    if (deep) {
      throw new InvalidInputError([
        { location: { file, ...deep }, field: "", message: `the document nests deeper than ${INPUT_LIMITS.depth} levels; refused` },
      ]);
    }
    const lines = new LineCounter();
    let doc: Document;
    try {
      doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new InvalidInputError([{ location: { file, line: 1, column: 1 }, field: "", message: "the document nests too deeply to read; refused" }]);
    }
    const problems = [...doc.errors.map((error) => ({ error, kind: "YAML syntax error" })), ...doc.warnings.map((error) => ({ error, kind: "YAML" }))];
    if (problems.length > 0) {
      throw new InvalidInputError(
        problems.map(({ error, kind }) => {
          const position = error.linePos?.[0] ?? { line: 1, col: 1 };
          const message =
            error.code === "TAG_RESOLVE_FAILED" ? `${firstLine(error.message)}; this tool reads plain YAML only (no tags)` : firstLine(error.message);
          return { location: clamp({ file, line: position.line, column: position.col }, text), field: "", message: `${kind}: ${message}` };
        }),
      );
    }
    return new YamlSource(file, text, doc, lines);
  }

  /** Reads and parses a file (a regular file of at most INPUT_LIMITS.configBytes); problems are located. */
  static read(file: string, display = file): YamlSource {
    let text: string;
    try {
      text = readText(file, INPUT_LIMITS.configBytes);
    } catch (error) {
      if (!(error instanceof InputRefusal)) throw error;
      throw new InvalidInputError([{ location: { file: display, line: error.line, column: error.column }, field: "", message: error.reason }]);
    }
    return YamlSource.parse(display, text);
  }

  /**
   * Where the value at `path` starts; falls back to the nearest ancestor that exists. A
   * value that starts on a later line than its key (a block mapping or list) is located at
   * its key, the line a reader looks for.
   */
  locate(path: FieldPath): Location {
    for (let length = path.length; length >= 0; length--) {
      const id = JSON.stringify(path.slice(0, length));
      const value = this.valueOffsets.get(id);
      if (value === undefined) continue;
      const key = this.keyOffsets.get(id);
      if (key !== undefined && this.lines.linePos(key).line !== this.lines.linePos(value).line) return this.toLocation(key);
      return this.toLocation(value);
    }
    return this.toLocation(0);
  }

  /** Where the key of `path` is written (for "unknown key" messages); falls back like locate. */
  locateKey(path: FieldPath): Location {
    const key = this.keyOffsets.get(JSON.stringify(path));
    return key === undefined ? this.locate(path) : this.toLocation(key);
  }

  /** True when the document itself spells out `path` (as opposed to a default filling it in). */
  has(path: FieldPath): boolean {
    return this.valueOffsets.has(JSON.stringify(path));
  }

  private toLocation(offset: number): Location {
    const { line, col } = this.lines.linePos(offset);
    return clamp({ file: this.file, line, column: col }, this.text);
  }

  /** Records positions (never entering aliases) and refuses what plain data cannot hold. */
  private walk(doc: Document, node: unknown, path: FieldPath, problems: Problem[], aliases: number[]): void {
    const range = (node as Node | null)?.range;
    if (range) this.valueOffsets.set(JSON.stringify(path), range[0]);
    if (isAlias(node)) {
      if (range) aliases.push(range[0]);
      if (node.resolve(doc) === undefined) {
        problems.push({
          location: this.toLocation(range?.[0] ?? 0),
          field: formatPath(path),
          message: `the alias *${node.source} refers to no anchor &${node.source} defined before it`,
        });
      }
      return;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const keyNode = pair.key;
        if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === "object") {
          const at = (keyNode as Node | null)?.range?.[0] ?? range?.[0] ?? 0;
          problems.push({
            location: this.toLocation(at),
            field: formatPath(path),
            message: "a key must be a plain word or string (no lists, mappings, aliases or empty keys as keys)",
          });
          continue;
        }
        const childPath = [...path, String(keyNode.value)];
        if (keyNode.range) this.keyOffsets.set(JSON.stringify(childPath), keyNode.range[0]);
        this.walk(doc, pair.value, childPath, problems, aliases);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => this.walk(doc, item, [...path, index], problems, aliases));
    }
  }
}

/** A location whose column lies inside its line (an offset at a line's end points at its last character). */
function clamp(location: Location, text: string): Location {
  const lines = text.split("\n");
  const line = Math.min(Math.max(location.line, 1), Math.max(lines.length, 1));
  const length = (lines[line - 1] ?? "").replace(/\r$/, "").length;
  return { file: location.file, line, column: Math.min(Math.max(location.column, 1), Math.max(length, 1)) };
}

/**
 * Where a document first nests deeper than `limit`, counted before parsing (the parser
 * itself recurses): indentation levels of block collections plus open flow brackets. A
 * cheap over-estimate; real configs nest a few levels.
 */
function tooDeep(text: string, limit: number): { line: number; column: number } | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: string | undefined;
  const lines = text.split("\n");
  for (let number = 0; number < lines.length; number++) {
    const line = lines[number];
    if (flow === 0 && quote === undefined) {
      const indent = /^ */.exec(line)![0].length;
      const content = line.slice(indent);
      if (content !== "" && !content.startsWith("#")) {
        while (indents.length && indents[indents.length - 1] > indent) indents.pop();
        if (!indents.length || indents[indents.length - 1] < indent) indents.push(indent);
        // "- - - x" opens one sequence per dash on a single line.
        const dashes = /^(-\s+)*/.exec(content)![0].split("-").length - 1;
        if (indents.length + dashes > limit) return { line: number + 1, column: indent + 1 };
      }
    }
    for (let column = 0; column < line.length; column++) {
      const char = line[column];
      if (quote !== undefined) {
        if (char === "\\" && quote === '"') column++;
        else if (char === quote) quote = undefined;
        continue;
      }
      if (char === "#" && (column === 0 || /\s/.test(line[column - 1]))) break;
      if (char === '"' || char === "'") quote = char;
      else if (char === "[" || char === "{") {
        flow++;
        if (indents.length + flow > limit) return { line: number + 1, column: column + 1 };
      } else if ((char === "]" || char === "}") && flow > 0) flow--;
    }
    if (quote === "'") quote = undefined; // single-quoted scalars may span lines, but rarely do here
  }
  return undefined;
}

/** The path of a collection that (through an alias) contains itself, if any. */
function findCycle(root: unknown): FieldPath | undefined {
  const stack: { value: unknown; path: FieldPath; children?: [string | number, unknown][]; next: number }[] = [];
  const onPath = new Set<unknown>();
  const push = (value: unknown, path: FieldPath): FieldPath | undefined => {
    if (value === null || typeof value !== "object") return undefined;
    if (onPath.has(value)) return path;
    onPath.add(value);
    const children: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    stack.push({ value, path, children, next: 0 });
    return undefined;
  };
  const found = push(root, []);
  if (found) return found;
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.next >= top.children!.length) {
      onPath.delete(top.value);
      stack.pop();
      continue;
    }
    const [key, child] = top.children![top.next++];
    const cycle = push(child, [...top.path, key]);
    if (cycle) return cycle;
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}
