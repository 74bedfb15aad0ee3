import { ComparisonOperator, JsonExpression, JsonPattern, PatternValue, Selector } from "./ast";
import { Cursor } from "./cursor";

/** Parentheses may nest this deep; a real pattern needs two or three levels (the parser recurses per level). */
export const MAX_PARENTHESES = 32;

/**
 * JSON patterns: `{ SELECTOR OP VALUE && ( ... || ... ) }`. Precedence follows the
 * CloudWatch Logs user guide: parentheses, then &&, then ||.
 */
export function parseJsonPattern(cursor: Cursor): JsonPattern {
  cursor.skipSpaces();
  const open = cursor.column;
  cursor.position++; // '{'
  const expression = parseOr(cursor, open, 0);
  cursor.skipSpaces();
  if (cursor.peek() === ")") cursor.fail(`unbalanced parentheses: ')' at column ${cursor.column} has no matching '('`);
  if (cursor.done) cursor.fail(`unbalanced braces: '{' at column ${open} is never closed`, open);
  if (cursor.peek() !== "}") cursor.fail(`expected && or || or '}', found ${cursor.describeNext()}`);
  cursor.position++;
  cursor.skipSpaces();
  if (!cursor.done) cursor.fail(`unexpected ${cursor.describeNext()} after the closing '}'`);
  return { kind: "json", expression };
}

function parseOr(cursor: Cursor, braceColumn: number, depth: number): JsonExpression {
  const operands = [parseAnd(cursor, braceColumn, depth)];
  while (cursor.accept("||")) operands.push(parseAnd(cursor, braceColumn, depth));
  return operands.length === 1 ? operands[0] : { kind: "or", operands };
}

function parseAnd(cursor: Cursor, braceColumn: number, depth: number): JsonExpression {
  const operands = [parsePrimary(cursor, braceColumn, depth)];
  while (cursor.accept("&&")) operands.push(parsePrimary(cursor, braceColumn, depth));
  return operands.length === 1 ? operands[0] : { kind: "and", operands };
}

function parsePrimary(cursor: Cursor, braceColumn: number, depth: number): JsonExpression {
  cursor.skipSpaces();
  if (cursor.peek() === "(") {
    const open = cursor.column;
    if (depth >= MAX_PARENTHESES) cursor.fail(`parentheses nest deeper than ${MAX_PARENTHESES} levels`, open);
    cursor.position++;
    const inner = parseOr(cursor, braceColumn, depth + 1);
    cursor.skipSpaces();
    if (cursor.peek() !== ")") {
      if (cursor.done || cursor.peek() === "}") {
        cursor.fail(`unbalanced parentheses: '(' at column ${open} is never closed`, open);
      }
      cursor.fail(`expected && or || or ')', found ${cursor.describeNext()}`);
    }
    cursor.position++;
    return inner;
  }
  if (cursor.peek() !== "$") {
    cursor.fail(`expected a selector starting with $ (like $.eventName) or '(', found ${cursor.describeNext()}`);
  }
  const selector = parseSelector(cursor);
  return parseCondition(cursor, selector);
}

/** A selector on its own, as a metric value or dimension names one: `$.recipientAccountId`. */
export function parseSelectorText(text: string): Selector {
  const cursor = new Cursor(text);
  if (cursor.peek() !== "$") cursor.fail(`expected a selector starting with $ (like $.eventName), found ${cursor.describeNext()}`);
  const selector = parseSelector(cursor);
  if (cursor.position !== text.length) cursor.fail(`unexpected ${cursor.describeNext()} after the selector`);
  return selector;
}

function parseSelector(cursor: Cursor): Selector {
  const column = cursor.column;
  const start = cursor.position;
  cursor.position++; // '$'
  const path: (string | number)[] = [];
  for (;;) {
    const char = cursor.peek();
    if (char === ".") {
      cursor.position++;
      const name = /^[A-Za-z0-9_-]+/.exec(cursor.text.slice(cursor.position))?.[0];
      if (!name) cursor.fail(`expected a property name after '.', found ${cursor.describeNext()}`);
      path.push(name);
      cursor.position += name.length;
    } else if (char === "[") {
      if (path.length === 0) cursor.fail("an array index must follow a property name, as in $.items[0]");
      const match = /^\[(\d+)\]/.exec(cursor.text.slice(cursor.position));
      if (!match) cursor.fail("expected an array index like [0]");
      path.push(Number(match[1]));
      cursor.position += match[0].length;
    } else break;
  }
  if (path.length === 0) cursor.fail("a selector needs at least one property, as in $.eventName", column);
  return { path, text: cursor.text.slice(start, cursor.position), column };
}

const OPERATORS: readonly ComparisonOperator[] = ["!=", "<=", ">=", "=", "<", ">"];

function parseCondition(cursor: Cursor, selector: Selector): JsonExpression {
  cursor.skipSpaces();
  if (cursor.startsWith("IS") || cursor.startsWith("NOT")) return parseTest(cursor, selector);
  const operator = OPERATORS.find((candidate) => cursor.startsWith(candidate));
  if (!operator) {
    cursor.fail(`expected an operator (=, !=, <, >, <=, >=, IS NULL, IS TRUE, IS FALSE or NOT EXISTS) after ${selector.text}, found ${cursor.describeNext()}`);
  }
  cursor.position += operator.length;
  const value = parseValue(cursor);
  if (operator !== "=" && operator !== "!=" && value.kind !== "number") {
    cursor.fail(`${operator} compares numbers, but the value after ${selector.text} ${operator} is not a number`);
  }
  return { kind: "comparison", selector, operator, value };
}

function parseTest(cursor: Cursor, selector: Selector): JsonExpression {
  const word = () => {
    cursor.skipSpaces();
    const found = /^[A-Za-z]+/.exec(cursor.text.slice(cursor.position))?.[0] ?? "";
    cursor.position += found.length;
    return found;
  };
  const column = cursor.column;
  const first = word();
  const second = word();
  const phrase = `${first} ${second}`;
  const tests: Record<string, "null" | "not-exists" | "true" | "false"> = {
    "IS NULL": "null",
    "NOT EXISTS": "not-exists",
    "IS TRUE": "true",
    "IS FALSE": "false",
  };
  const test = tests[phrase];
  if (!test) cursor.fail(`expected IS NULL, IS TRUE, IS FALSE or NOT EXISTS after ${selector.text}, found "${phrase.trim()}"`, column);
  return { kind: "test", selector, test };
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A value after an operator: "quoted", %regex%, a number, or an unquoted word. */
export function parseValue(cursor: Cursor, stopAt = '(){}&|"=!<>'): PatternValue {
  cursor.skipSpaces();
  const column = cursor.column;
  if (cursor.peek() === '"') return { kind: "string", text: cursor.readQuoted(), quoted: true };
  if (cursor.peek() === "%") return { kind: "regex", source: cursor.readRegex() };
  let text = "";
  while (!cursor.done && !/\s/.test(cursor.peek()) && !stopAt.includes(cursor.peek())) {
    text += cursor.peek();
    cursor.position++;
  }
  if (text === "") cursor.fail(`expected a value, found ${cursor.describeNext()}`, column);
  if (NUMBER.test(text)) return { kind: "number", value: Number(text), text };
  const special = /[^\x21-\x7e]|[@$\\]/u.exec(text);
  if (special) {
    cursor.fail(`the value ${text} contains ${JSON.stringify(special[0])}; put values with such characters in double quotes`, column);
  }
  return { kind: "string", text, quoted: false };
}
