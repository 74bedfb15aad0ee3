import { DelimitedCondition, DelimitedPattern, FilterPattern, JsonExpression, PatternValue, Selector, TermPattern } from "./ast";
import { hasOwn, isPlainObject } from "../source/plain-data";
import { regexFinds } from "./regex";

/**
 * Decides whether one log event matches a parsed pattern. The rules follow the CloudWatch
 * Logs user guide ("Filter and pattern syntax"); where it is silent, the choice made here
 * is listed in lib/pattern/README.md ("Semantics") and each one has a test.
 */

/**
 * A log event: its message as written (terms and regexes search this text), and its parsed
 * JSON when the message is a JSON object (JSON patterns read this).
 */
export interface LogEvent {
  readonly message: string;
  readonly json?: unknown;
}

/** Builds a LogEvent from a raw message, parsing JSON when the message is an object. */
export function logEventFromMessage(message: string): LogEvent {
  const trimmed = message.trimStart();
  if (!trimmed.startsWith("{")) return { message };
  try {
    return { message, json: JSON.parse(message) };
  } catch {
    return { message };
  }
}

/**
 * Builds a LogEvent from an already parsed record (a CloudTrail event, say). Without the
 * text it was read from, the message is the record re-serialized compactly, as CloudTrail
 * writes events (numbers then appear in JavaScript's spelling: 1.0 becomes 1).
 */
export function logEventFromRecord(record: unknown, text?: string): LogEvent {
  return { message: text ?? JSON.stringify(record), json: record };
}

export function matches(pattern: FilterPattern, event: LogEvent): boolean {
  switch (pattern.kind) {
    case "all":
      return true;
    case "json":
      return isPlainObject(event.json) && evaluateJson(pattern.expression, event.json);
    case "terms":
      return matchTerms(pattern, event.message);
    case "delimited":
      return matchDelimited(pattern, event.message);
  }
}

function evaluateJson(expression: JsonExpression, root: Record<string, unknown>): boolean {
  switch (expression.kind) {
    case "or":
      return expression.operands.some((operand) => evaluateJson(operand, root));
    case "and":
      return expression.operands.every((operand) => evaluateJson(operand, root));
    case "test": {
      const found = resolve(expression.selector, root);
      switch (expression.test) {
        case "not-exists":
          return !found.exists;
        case "null":
          return found.exists && found.value === null;
        case "true":
          return found.exists && found.value === true;
        case "false":
          return found.exists && found.value === false;
      }
      break;
    }
    case "comparison": {
      const found = resolve(expression.selector, root);
      // Missing fields, nulls, objects and arrays satisfy neither = nor != (README: Semantics 1-3).
      if (!found.exists || !isScalar(found.value)) return false;
      return compare(found.value, expression.operator, expression.value);
    }
  }
  return false;
}

/**
 * The text a metric dimension or value takes from an event: the selected field when it is a
 * string, number or boolean; undefined when the event has no such scalar field.
 */
export function selectScalar(selector: Selector, event: LogEvent): string | undefined {
  if (!isPlainObject(event.json)) return undefined;
  const found = resolve(selector, event.json);
  return found.exists && isScalar(found.value) ? String(found.value) : undefined;
}

type Resolved = { exists: false } | { exists: true; value: unknown };

function resolve(selector: Selector, root: unknown): Resolved {
  let current: unknown = root;
  for (const step of selector.path) {
    if (typeof step === "number") {
      if (!Array.isArray(current) || step >= current.length) return { exists: false };
      current = current[step];
    } else {
      if (!isPlainObject(current) || !hasOwn(current, step)) return { exists: false };
      current = current[step];
    }
  }
  return { exists: true, value: current };
}

type Scalar = string | number | boolean;

function isScalar(value: unknown): value is Scalar {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** Compares a field value with a pattern value; shared by JSON and space-delimited patterns. */
function compare(field: Scalar, operator: string, value: PatternValue): boolean {
  const equal = () => {
    if (value.kind === "number") {
      // A number compares numerically with a number field, and by its written text with a string field.
      return typeof field === "number" ? field === value.value : String(field) === value.text;
    }
    const text = String(field);
    if (value.kind === "regex") return regexFinds(value.source, text);
    return wildcardMatch(value.text, text);
  };
  switch (operator) {
    case "=":
      return equal();
    case "!=":
      return !equal();
  }
  // Ordering operators take numbers only (README: Semantics 5).
  if (value.kind !== "number" || typeof field !== "number") return false;
  switch (operator) {
    case "<":
      return field < value.value;
    case ">":
      return field > value.value;
    case "<=":
      return field <= value.value;
    case ">=":
      return field >= value.value;
  }
  return false;
}

/**
 * `*` matches any run of characters, including none; everything else is literal and
 * case-sensitive. Matched without regular expressions: the first piece must start the
 * text, the last must end it, and the pieces between are found left to right — linear in
 * the text for each piece, with no backtracking.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  if (!pattern.includes("*")) return pattern === text;
  const pieces = pattern.split("*");
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (first.length + last.length > text.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let position = first.length;
  const end = text.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    if (piece === "") continue;
    const found = text.indexOf(piece, position);
    if (found < 0 || found + piece.length > end) return false;
    position = found + piece.length;
  }
  return true;
}

function matchTerms(pattern: TermPattern, message: string): boolean {
  const found = (term: TermPattern["terms"][number]) => (term.regex ? regexFinds(term.text, message) : message.includes(term.text));
  if (pattern.mode === "any") return pattern.terms.some(found);
  return pattern.terms.every((term) => (term.exclude ? !found(term) : found(term)));
}

/** Splits a space-delimited message; "quoted" and [bracketed] runs are single fields. */
export function splitDelimited(message: string): string[] {
  const fields: string[] = [];
  const regex = /"([^"]*)"|\[([^\]]*)\]|(\S+)/g;
  for (let match = regex.exec(message); match; match = regex.exec(message)) {
    fields.push(match[1] ?? match[2] ?? match[3]);
  }
  return fields;
}

/**
 * Lines the pattern's named fields up with the message's tokens. A pattern holds at most
 * one `...` (the parser refuses more): the fields before it take the first tokens, the
 * fields after it the last ones, and it absorbs whatever lies between — one alignment, in
 * linear time. Without `...` the counts must be equal.
 */
function matchDelimited(pattern: DelimitedPattern, message: string): boolean {
  const tokens = splitDelimited(message);
  const ellipsis = pattern.fields.findIndex((field) => field.kind === "ellipsis");
  const before = ellipsis < 0 ? pattern.fields : pattern.fields.slice(0, ellipsis);
  const after = ellipsis < 0 ? [] : pattern.fields.slice(ellipsis + 1);
  if (ellipsis < 0 ? tokens.length !== before.length : tokens.length < before.length + after.length) return false;
  const values = new Map<string, string>();
  before.forEach((field, index) => field.kind === "field" && values.set(field.name, tokens[index]));
  after.forEach((field, index) => field.kind === "field" && values.set(field.name, tokens[tokens.length - after.length + index]));
  return pattern.fields.every((field) => field.kind === "ellipsis" || !field.condition || evaluateDelimited(field.condition, values));
}

function evaluateDelimited(condition: DelimitedCondition, values: Map<string, string>): boolean {
  switch (condition.kind) {
    case "or":
      return condition.operands.some((operand) => evaluateDelimited(operand, values));
    case "and":
      return condition.operands.every((operand) => evaluateDelimited(operand, values));
    case "comparison": {
      const raw = values.get(condition.field);
      if (raw === undefined) return false;
      // Fields of a text line are strings; a numeric-looking field takes part in numeric comparisons.
      const numeric = raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
      const field: Scalar = condition.value.kind === "number" && numeric !== undefined ? numeric : raw;
      return compare(field, condition.operator, condition.value);
    }
  }
}
