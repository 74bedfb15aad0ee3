import { ComparisonOperator, DelimitedCondition, DelimitedField, DelimitedPattern } from "./ast";
import { parseValue } from "./parse-json";
import { Cursor } from "./cursor";

/**
 * Space-delimited patterns: `[ip, user, ..., status_code = 4* && bytes > 1000]`. Each slot
 * names a field; `...` stands for any number of fields; a slot may carry a condition that
 * compares it (or another named field) with && and ||.
 */
export function parseDelimitedPattern(cursor: Cursor): DelimitedPattern {
  cursor.skipSpaces();
  const open = cursor.column;
  cursor.position++; // '['
  const fields: DelimitedField[] = [];
  const names = new Set<string>();
  for (;;) {
    cursor.skipSpaces();
    if (cursor.done) cursor.fail(`unbalanced brackets: '[' at column ${open} is never closed`, open);
    if (cursor.peek() === "]") break;
    if (cursor.startsWith("...") || cursor.startsWith("…")) {
      if (fields.some((field) => field.kind === "ellipsis")) {
        cursor.fail("a space-delimited pattern may hold one ... only (with two, which fields they stand for is ambiguous)");
      }
      cursor.position += cursor.startsWith("...") ? 3 : 1;
      fields.push({ kind: "ellipsis" });
    } else {
      const column = cursor.column;
      const name = readName(cursor);
      if (names.has(name)) cursor.fail(`the field name ${name} is used twice`, column);
      names.add(name);
      cursor.skipSpaces();
      if (cursor.done) cursor.fail(`unbalanced brackets: '[' at column ${open} is never closed`, open);
      const condition = cursor.peek() === "," || cursor.peek() === "]" ? undefined : parseOr(cursor, name);
      fields.push({ kind: "field", name, condition });
    }
    cursor.skipSpaces();
    if (cursor.peek() === ",") {
      cursor.position++;
      cursor.skipSpaces();
      // A comma right before ']' leaves one more, unnamed field (the user guide's [..., status_code=4*,]).
      if (cursor.peek() === "]") fields.push({ kind: "field", name: `$${fields.length + 1}` });
      continue;
    }
    if (cursor.peek() !== "]") {
      if (cursor.done) cursor.fail(`unbalanced brackets: '[' at column ${open} is never closed`, open);
      cursor.fail(`expected ',' or ']', found ${cursor.describeNext()}`);
    }
  }
  cursor.position++; // ']'
  cursor.skipSpaces();
  if (!cursor.done) cursor.fail(`unexpected ${cursor.describeNext()} after the closing ']'`);
  if (fields.length === 0) cursor.fail("a space-delimited pattern needs at least one field", open);
  return { kind: "delimited", fields };
}

function readName(cursor: Cursor): string {
  const name = /^[A-Za-z0-9_$]+/.exec(cursor.text.slice(cursor.position))?.[0];
  if (!name) cursor.fail(`expected a field name or ..., found ${cursor.describeNext()}`);
  cursor.position += name.length;
  return name;
}

function parseOr(cursor: Cursor, slot: string): DelimitedCondition {
  const operands = [parseAnd(cursor, slot)];
  while (cursor.accept("||")) operands.push(parseAnd(cursor, slot));
  return operands.length === 1 ? operands[0] : { kind: "or", operands };
}

function parseAnd(cursor: Cursor, slot: string): DelimitedCondition {
  const operands = [parseComparison(cursor, slot, true)];
  while (cursor.accept("&&")) operands.push(parseComparison(cursor, slot, false));
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

function parseComparison(cursor: Cursor, slot: string, first: boolean): DelimitedCondition {
  cursor.skipSpaces();
  // The first comparison of a slot may omit the name (`status_code = 4*` is written after the name).
  const field = first && OPERATORS.some(([token]) => cursor.startsWith(token)) ? slot : readName(cursor);
  cursor.skipSpaces();
  const found = OPERATORS.find(([token]) => cursor.startsWith(token));
  if (!found) cursor.fail(`expected an operator (=, !=, <, >, <=, >=) after ${field}, found ${cursor.describeNext()}`);
  cursor.position += found[0].length;
  const value = parseValue(cursor, '(){}&|"=!<>,[]');
  const operator = found[1];
  if (operator !== "=" && operator !== "!=" && value.kind !== "number") {
    cursor.fail(`${operator} compares numbers, but the value for ${field} is not a number`);
  }
  return { kind: "comparison", field, operator, value };
}
