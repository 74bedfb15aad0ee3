import { ComparisonOperator, DelimitedCondition, DelimitedField, DelimitedPattern } from "./ast";
import { parseValue } from "./parse-json";
import { Scanner } from "./scanner";

/**
 * Space-delimited patterns: `[ip, user, ..., status_code = 4* && bytes > 1000]`. Each slot
 * names a field; `...` stands for any number of fields; a slot may carry a condition that
 * compares it (or another named field) with && and ||.
 */
export function parseDelimitedPattern(scanner: Scanner): DelimitedPattern {
  scanner.skipSpaces();
  const open = scanner.column;
  scanner.position++; // '['
  const fields: DelimitedField[] = [];
  const names = new Set<string>();
  for (;;) {
    scanner.skipSpaces();
    if (scanner.done) scanner.fail(`unbalanced brackets: '[' at column ${open} is never closed`, open);
    if (scanner.peek() === "]") break;
    if (scanner.startsWith("...") || scanner.startsWith("…")) {
      if (fields.some((field) => field.kind === "ellipsis")) {
        scanner.fail("a space-delimited pattern may hold one ... only (with two, which fields they stand for is ambiguous)");
      }
      scanner.position += scanner.startsWith("...") ? 3 : 1;
      fields.push({ kind: "ellipsis" });
    } else {
      const column = scanner.column;
      const name = readName(scanner);
      if (names.has(name)) scanner.fail(`the field name ${name} is used twice`, column);
      names.add(name);
      scanner.skipSpaces();
      if (scanner.done) scanner.fail(`unbalanced brackets: '[' at column ${open} is never closed`, open);
      const condition = scanner.peek() === "," || scanner.peek() === "]" ? undefined : parseOr(scanner, name);
      fields.push({ kind: "field", name, condition });
    }
    scanner.skipSpaces();
    if (scanner.peek() === ",") {
      scanner.position++;
      scanner.skipSpaces();
      // A comma right before ']' leaves one more, unnamed field (the user guide's [..., status_code=4*,]).
      if (scanner.peek() === "]") fields.push({ kind: "field", name: `$${fields.length + 1}` });
      continue;
    }
    if (scanner.peek() !== "]") {
      if (scanner.done) scanner.fail(`unbalanced brackets: '[' at column ${open} is never closed`, open);
      scanner.fail(`expected ',' or ']', found ${scanner.describeNext()}`);
    }
  }
  scanner.position++; // ']'
  scanner.skipSpaces();
  if (!scanner.done) scanner.fail(`unexpected ${scanner.describeNext()} after the closing ']'`);
  if (fields.length === 0) scanner.fail("a space-delimited pattern needs at least one field", open);
  return { kind: "delimited", fields };
}

function readName(scanner: Scanner): string {
  const name = /^[A-Za-z0-9_$]+/.exec(scanner.text.slice(scanner.position))?.[0];
  if (!name) scanner.fail(`expected a field name or ..., found ${scanner.describeNext()}`);
  scanner.position += name.length;
  return name;
}

function parseOr(scanner: Scanner, slot: string): DelimitedCondition {
  const operands = [parseAnd(scanner, slot)];
  while (scanner.accept("||")) operands.push(parseAnd(scanner, slot));
  return operands.length === 1 ? operands[0] : { kind: "or", operands };
}

function parseAnd(scanner: Scanner, slot: string): DelimitedCondition {
  const operands = [parseComparison(scanner, slot, true)];
  while (scanner.accept("&&")) operands.push(parseComparison(scanner, slot, false));
  return operands.length === 1 ? operands[0] : { kind: "and", operands };
}

const OPERATORS: readonly [string, ComparisonOperator][] = [
  ["!=", "!="],
  ["=!", "!="], // the user guide's own example writes w1=!ERROR
  ["<=", "<="],
  [">=", ">="],
  ["=", "="],
  ["<", "<"],
  [">", ">"],
];

function parseComparison(scanner: Scanner, slot: string, first: boolean): DelimitedCondition {
  scanner.skipSpaces();
  // The first comparison of a slot may omit the name (`status_code = 4*` is written after the name).
  const field = first && OPERATORS.some(([token]) => scanner.startsWith(token)) ? slot : readName(scanner);
  scanner.skipSpaces();
  const found = OPERATORS.find(([token]) => scanner.startsWith(token));
  if (!found) scanner.fail(`expected an operator (=, !=, <, >, <=, >=) after ${field}, found ${scanner.describeNext()}`);
  scanner.position += found[0].length;
  const value = parseValue(scanner, '(){}&|"=!<>,[]');
  const operator = found[1];
  if (operator !== "=" && operator !== "!=" && value.kind !== "number") {
    scanner.fail(`${operator} compares numbers, but the value for ${field} is not a number`);
  }
  return { kind: "comparison", field, operator, value };
}
