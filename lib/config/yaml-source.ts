import { readFileSync } from "node:fs";
import { Document, LineCounter, Node, isAlias, isMap, isScalar, isSeq, parseDocument } from "yaml";
import { InvalidInputError, Location } from "./problems";

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
 * A YAML file parsed into plain JSON-like values that remembers where every key and value
 * came from, so later checks (schema, cross-references, AWS limits) can point at the line.
 */
export class YamlSource {
  readonly file: string;
  readonly value: unknown;
  private readonly lines: LineCounter;
  private readonly valueOffsets = new Map<string, number>();
  private readonly keyOffsets = new Map<string, number>();

  private constructor(file: string, doc: Document, lines: LineCounter) {
    this.file = file;
    this.lines = lines;
    this.value = this.convert(doc, doc.contents, []);
  }

  /** Parses YAML text; a syntax error becomes an InvalidInputError naming line and column. */
  static parse(file: string, text: string): YamlSource {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
    const errors = doc.errors;
    if (errors.length > 0) {
      throw new InvalidInputError(
        errors.map((error) => {
          const position = error.linePos?.[0] ?? { line: 1, col: 1 };
          return {
            location: { file, line: position.line, column: position.col },
            field: "",
            message: `YAML syntax error: ${firstLine(error.message)}`,
          };
        }),
      );
    }
    return new YamlSource(file, doc, lines);
  }

  /** Reads and parses a file; a missing file is reported as an input problem, not a crash. */
  static read(file: string, display = file): YamlSource {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a folder, not a file" : String(error);
      throw new InvalidInputError([{ location: { file: display, line: 1, column: 1 }, field: "", message: reason }]);
    }
    return YamlSource.parse(display, text);
  }

  /** Where the value at `path` starts; falls back to the nearest ancestor that exists. */
  locate(path: FieldPath): Location {
    return this.toLocation(this.nearest(path, this.valueOffsets));
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

  private nearest(path: FieldPath, offsets: Map<string, number>): number {
    for (let length = path.length; length >= 0; length--) {
      const offset = offsets.get(JSON.stringify(path.slice(0, length)));
      if (offset !== undefined) return offset;
    }
    return 0;
  }

  private toLocation(offset: number): Location {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  private convert(doc: Document, node: unknown, path: FieldPath): unknown {
    if (isAlias(node)) return this.convert(doc, node.resolve(doc), path);
    if (node && typeof node === "object" && "range" in node) {
      const range = (node as Node).range;
      if (range) this.valueOffsets.set(JSON.stringify(path), range[0]);
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const childPath = [...path, key];
        if (isScalar(keyNode) && keyNode.range) this.keyOffsets.set(JSON.stringify(childPath), keyNode.range[0]);
        out[key] = this.convert(doc, pair.value, childPath);
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((item, index) => this.convert(doc, item, [...path, index]));
    if (isScalar(node)) return node.value;
    return null; // empty document or empty value
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}
