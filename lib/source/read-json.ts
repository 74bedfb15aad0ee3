import { nestingTooDeep } from "./json-scan";
import { InputRefusal, readText } from "./read-text";

/**
 * JSON from a file the user gives (a plan, a stack, a snapshot, an evidence record): read
 * with the bounded reader, nesting checked before parsing (a million "[" parse, then break
 * whatever walks the result), and a syntax error reported at its line and column instead
 * of JSON.parse's "at position 5000".
 */
export function readJson(file: string, maxBytes: number, maxDepth: number): unknown {
  return parseJson(readText(file, maxBytes), maxDepth);
}

export function parseJson(text: string, maxDepth: number): unknown {
  const deep = nestingTooDeep(text, maxDepth);
  if (deep !== undefined) {
    const { line, column } = lineAndColumn(text, deep);
    throw new InputRefusal(`JSON nested deeper than ${maxDepth} levels`, line, column);
  }
  try {
    return JSON.parse(text);
  } catch {
    const { offset, problem } = firstSyntaxError(text);
    const { line, column } = lineAndColumn(text, offset);
    throw new InputRefusal(`not valid JSON: ${problem}`, line, column);
  }
}

/**
 * Where JSON text first goes wrong, and how (JSON.parse names a position for some errors
 * only). The nesting is already bounded, so plain recursion is safe.
 */
export function firstSyntaxError(text: string): { offset: number; problem: string } {
  let i = 0;
  const fail = (problem: string): never => {
    throw { offset: i, problem };
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`unexpected ${describe()}`);
  };
  const describe = () => (i >= text.length ? "end of input" : `character ${JSON.stringify(text[i])}`);
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail("control character in a string");
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail("bad \\u escape");
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? "")) fail("bad escape");
      }
      i++;
    }
    if (i >= text.length) fail("unterminated string");
    i++;
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === "{") {
      i++;
      space();
      if (text[i] === "}") return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail(`expected a property name, got ${describe()}`);
        string();
        space();
        if (text[i] !== ":") fail(`expected ":" after the property name, got ${describe()}`);
        i++;
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail(`expected "," or "}", got ${describe()}`);
      }
    }
    if (char === "[") {
      i++;
      space();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail(`expected "," or "]", got ${describe()}`);
      }
    }
    if (char === '"') return string();
    if (char === "t") return literal("true");
    if (char === "f") return literal("false");
    if (char === "n") return literal("null");
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (number && number[0].length > 0) return void (i += number[0].length);
    fail(`expected a value, got ${describe()}`);
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i++;
    value();
    space();
    if (i < text.length) fail(`unexpected ${describe()} after the JSON value`);
    return { offset: 0, problem: "rejected by the JSON parser" };
  } catch (caught) {
    if (caught && typeof caught === "object" && "problem" in caught) return caught as { offset: number; problem: string };
    throw caught;
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: end - start + 1 };
}

/** A refusal as the user reads it: `file:line:column: reason`. */
export function describeRefusal(file: string, refusal: InputRefusal): string {
  return `${file}:${refusal.line}:${refusal.column}: ${refusal.reason}`;
}
