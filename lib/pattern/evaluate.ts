import {
  DelimitedCondition,
  DelimitedPattern,
  FilterPattern,
  JsonExpression,
  PatternValue,
  Selector,
  TermPattern,
} from "./ast";

/**
 * Decides whether one log event matches a parsed pattern. The rules follow the CloudWatch
 * Logs user guide ("Filter and pattern syntax"); where it is silent, the choice made here
 * is listed in lib/pattern/README.md ("Semantics") and each one has a test.
 */

/** A log event: its raw message, and its parsed JSON when the message is a JSON object. */
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

/** Builds a LogEvent from an already parsed record (a CloudTrail event, say). */
export function logEventFromRecord(record: unknown): LogEvent {
  return { message: JSON.stringify(record), json: record };
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
      return evaluateJson(expression.left, root) || evaluateJson(expression.right, root);
    case "and":
      return evaluateJson(expression.left, root) && evaluateJson(expression.right, root);
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

type Resolved = { exists: false } | { exists: true; value: unknown };

function resolve(selector: Selector, root: unknown): Resolved {
  let current: unknown = root;
  for (const step of selector.path) {
    if (typeof step === "number") {
      if (!Array.isArray(current) || step >= current.length) return { exists: false };
      current = current[step];
    } else {
      if (!isPlainObject(current) || !Object.prototype.hasOwnProperty.call(current, step)) return { exists: false };
      current = current[step];
    }
  }
  return { exists: true, value: current };
}

type Scalar = string | number | boolean;

function isScalar(value: unknown): value is Scalar {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Compares a field value with a pattern value; shared by JSON and space-delimited patterns. */
function compare(field: Scalar, operator: string, value: PatternValue): boolean {
  const equal = () => {
    if (value.kind === "number") {
      // A number compares numerically with a number field, and by its written text with a string field.
      return typeof field === "number" ? field === value.value : String(field) === value.text;
    }
    const text = String(field);
    if (value.kind === "regex") return new RegExp(value.source, "u").test(text);
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

const wildcardCache = new Map<string, RegExp>();

/** `*` matches any run of characters, including none; everything else is literal and case-sensitive. */
export function wildcardMatch(pattern: string, text: string): boolean {
  if (!pattern.includes("*")) return pattern === text;
  let regex = wildcardCache.get(pattern);
  if (!regex) {
    const source = pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join("[\\s\\S]*");
    regex = new RegExp(`^${source}$`, "u");
    wildcardCache.set(pattern, regex);
  }
  return regex.test(text);
}

function matchTerms(pattern: TermPattern, message: string): boolean {
  const found = (term: TermPattern["terms"][number]) =>
    term.regex ? new RegExp(term.text, "u").test(message) : message.includes(term.text);
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

function matchDelimited(pattern: DelimitedPattern, message: string): boolean {
  const tokens = splitDelimited(message);
  const assignments: Map<string, string>[] = [];
  assign(pattern, 0, tokens, 0, new Map(), assignments);
  return assignments.some((values) =>
    pattern.fields.every(
      (field) => field.kind === "ellipsis" || !field.condition || evaluateDelimited(field.condition, values),
    ),
  );
}

/** Enumerates the ways `...` can absorb tokens so that named fields line up. */
function assign(
  pattern: DelimitedPattern,
  fieldIndex: number,
  tokens: string[],
  tokenIndex: number,
  values: Map<string, string>,
  out: Map<string, string>[],
): void {
  if (fieldIndex === pattern.fields.length) {
    if (tokenIndex === tokens.length) out.push(new Map(values));
    return;
  }
  const field = pattern.fields[fieldIndex];
  if (field.kind === "ellipsis") {
    for (let skip = tokenIndex; skip <= tokens.length; skip++) assign(pattern, fieldIndex + 1, tokens, skip, values, out);
    return;
  }
  if (tokenIndex >= tokens.length) return;
  values.set(field.name, tokens[tokenIndex]);
  assign(pattern, fieldIndex + 1, tokens, tokenIndex + 1, values, out);
  values.delete(field.name);
}

function evaluateDelimited(condition: DelimitedCondition, values: Map<string, string>): boolean {
  switch (condition.kind) {
    case "or":
      return evaluateDelimited(condition.left, values) || evaluateDelimited(condition.right, values);
    case "and":
      return evaluateDelimited(condition.left, values) && evaluateDelimited(condition.right, values);
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
