import { ComparisonOperator, JsonExpression, JsonPattern, PatternValue, Selector } from "./ast";
import { Scanner } from "./scanner";

/** Parentheses may nest this deep; a real pattern needs two or three levels (the parser recurses per level). */
export const MAX_PARENTHESES = 32;

/**
 * JSON patterns: `{ SELECTOR OP VALUE && ( ... || ... ) }`. Precedence follows the
 * CloudWatch Logs user guide: parentheses, then &&, then ||.
 */
export function parseJsonPattern(scanner: Scanner): JsonPattern {
  scanner.skipSpaces();
  const open = scanner.column;
  scanner.position++; // '{'
  const expression = parseOr(scanner, open, 0);
  scanner.skipSpaces();
  if (scanner.peek() === ")") scanner.fail(`unbalanced parentheses: ')' at column ${scanner.column} has no matching '('`);
  if (scanner.done) scanner.fail(`unbalanced braces: '{' at column ${open} is never closed`, open);
  if (scanner.peek() !== "}") scanner.fail(`expected && or || or '}', found ${scanner.describeNext()}`);
  scanner.position++;
  scanner.skipSpaces();
  if (!scanner.done) scanner.fail(`unexpected ${scanner.describeNext()} after the closing '}'`);
  return { kind: "json", expression };
}

function parseOr(scanner: Scanner, braceColumn: number, depth: number): JsonExpression {
  const operands = [parseAnd(scanner, braceColumn, depth)];
  while (scanner.accept("||")) operands.push(parseAnd(scanner, braceColumn, depth));
  return operands.length === 1 ? operands[0] : { kind: "or", operands };
}

function parseAnd(scanner: Scanner, braceColumn: number, depth: number): JsonExpression {
  const operands = [parsePrimary(scanner, braceColumn, depth)];
  while (scanner.accept("&&")) operands.push(parsePrimary(scanner, braceColumn, depth));
  return operands.length === 1 ? operands[0] : { kind: "and", operands };
}

function parsePrimary(scanner: Scanner, braceColumn: number, depth: number): JsonExpression {
  scanner.skipSpaces();
  if (scanner.peek() === "(") {
    const open = scanner.column;
    if (depth >= MAX_PARENTHESES) scanner.fail(`parentheses nest deeper than ${MAX_PARENTHESES} levels`, open);
    scanner.position++;
    const inner = parseOr(scanner, braceColumn, depth + 1);
    scanner.skipSpaces();
    if (scanner.peek() !== ")") {
      if (scanner.done || scanner.peek() === "}") {
        scanner.fail(`unbalanced parentheses: '(' at column ${open} is never closed`, open);
      }
      scanner.fail(`expected && or || or ')', found ${scanner.describeNext()}`);
    }
    scanner.position++;
    return inner;
  }
  if (scanner.peek() !== "$") {
    scanner.fail(`expected a selector starting with $ (like $.eventName) or '(', found ${scanner.describeNext()}`);
  }
  const selector = parseSelector(scanner);
  return parseCondition(scanner, selector);
}

/** A selector on its own, as a metric value or dimension names one: `$.recipientAccountId`. */
export function parseSelectorText(text: string): Selector {
  const scanner = new Scanner(text);
  if (scanner.peek() !== "$") scanner.fail(`expected a selector starting with $ (like $.eventName), found ${scanner.describeNext()}`);
  const selector = parseSelector(scanner);
  if (scanner.position !== text.length) scanner.fail(`unexpected ${scanner.describeNext()} after the selector`);
  return selector;
}

function parseSelector(scanner: Scanner): Selector {
  const column = scanner.column;
  const start = scanner.position;
  scanner.position++; // '$'
  const path: (string | number)[] = [];
  for (;;) {
    const char = scanner.peek();
    if (char === ".") {
      scanner.position++;
      const name = /^[A-Za-z0-9_-]+/.exec(scanner.text.slice(scanner.position))?.[0];
      if (!name) scanner.fail(`expected a property name after '.', found ${scanner.describeNext()}`);
      path.push(name);
      scanner.position += name.length;
    } else if (char === "[") {
      if (path.length === 0) scanner.fail("an array index must follow a property name, as in $.items[0]");
      const match = /^\[(\d+)\]/.exec(scanner.text.slice(scanner.position));
      if (!match) scanner.fail("expected an array index like [0]");
      path.push(Number(match[1]));
      scanner.position += match[0].length;
    } else break;
  }
  if (path.length === 0) scanner.fail("a selector needs at least one property, as in $.eventName", column);
  return { path, text: scanner.text.slice(start, scanner.position), column };
}

const OPERATORS: readonly ComparisonOperator[] = ["!=", "<=", ">=", "=", "<", ">"];

function parseCondition(scanner: Scanner, selector: Selector): JsonExpression {
  scanner.skipSpaces();
  if (scanner.startsWith("IS") || scanner.startsWith("NOT")) return parseTest(scanner, selector);
  const operator = OPERATORS.find((candidate) => scanner.startsWith(candidate));
  if (!operator) {
    scanner.fail(
      `expected an operator (=, !=, <, >, <=, >=, IS NULL, IS TRUE, IS FALSE or NOT EXISTS) after ${selector.text}, found ${scanner.describeNext()}`,
    );
  }
  scanner.position += operator.length;
  const value = parseValue(scanner);
  if (operator !== "=" && operator !== "!=" && value.kind !== "number") {
    scanner.fail(`${operator} compares numbers, but the value after ${selector.text} ${operator} is not a number`);
  }
  return { kind: "comparison", selector, operator, value };
}

function parseTest(scanner: Scanner, selector: Selector): JsonExpression {
  const word = () => {
    scanner.skipSpaces();
    const found = /^[A-Za-z]+/.exec(scanner.text.slice(scanner.position))?.[0] ?? "";
    scanner.position += found.length;
    return found;
  };
  const column = scanner.column;
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
  if (!test) scanner.fail(`expected IS NULL, IS TRUE, IS FALSE or NOT EXISTS after ${selector.text}, found "${phrase.trim()}"`, column);
  return { kind: "test", selector, test };
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A value after an operator: "quoted", %regex%, a number, or an unquoted word. */
export function parseValue(scanner: Scanner, stopAt = '(){}&|"=!<>'): PatternValue {
  scanner.skipSpaces();
  const column = scanner.column;
  if (scanner.peek() === '"') return { kind: "string", text: scanner.readQuoted(), quoted: true };
  if (scanner.peek() === "%") return { kind: "regex", source: scanner.readRegex() };
  let text = "";
  while (!scanner.done && !/\s/.test(scanner.peek()) && !stopAt.includes(scanner.peek())) {
    text += scanner.peek();
    scanner.position++;
  }
  if (text === "") scanner.fail(`expected a value, found ${scanner.describeNext()}`, column);
  if (NUMBER.test(text)) return { kind: "number", value: Number(text), text };
  const special = /[^\x21-\x7e]|[@$\\]/u.exec(text);
  if (special) {
    scanner.fail(`the value ${text} contains ${JSON.stringify(special[0])}; put values with such characters in double quotes`, column);
  }
  return { kind: "string", text, quoted: false };
}
