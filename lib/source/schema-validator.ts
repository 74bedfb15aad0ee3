import { hasOwn, isPlainObject } from "./plain-data";
import { didYouMean } from "./did-you-mean";
import { FieldPath } from "./yaml-source";

/**
 * The subset of JSON Schema draft-07 this project's schemas use (draft-07 is what the YAML
 * language server behind VS Code's YAML extension reads). The committed
 * `rules/schema/*.schema.json` files give editors completion, hover docs and defaults; this
 * validator applies the very same objects at synth time, with located messages; a test
 * holds it to ajv, a reference validator, on every shipped and bad-input config.
 */
export interface JsonSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly $ref?: string;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
  readonly title?: string;
  readonly description?: string;
  readonly type?: SchemaType | readonly SchemaType[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly pattern?: string;
  /** Not standard JSON Schema: a human sentence shown instead of the raw regex. */
  readonly patternErrorMessage?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly propertyNames?: JsonSchema;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly default?: unknown;
}

export type SchemaType = "string" | "integer" | "number" | "boolean" | "object" | "array" | "null";

export interface SchemaIssue {
  readonly path: FieldPath;
  /** True when the issue is about a key itself (point at the key, not its value). */
  readonly atKey: boolean;
  readonly message: string;
}

export function validateAgainstSchema(value: unknown, root: JsonSchema): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(value, root, root, [], issues);
  return issues;
}

function check(value: unknown, schema: JsonSchema, root: JsonSchema, path: FieldPath, issues: SchemaIssue[]): void {
  if (schema.$ref) {
    check(value, resolveRef(schema.$ref, root), root, path, issues);
    return;
  }
  const add = (message: string, atKey = false, at: FieldPath = path) => issues.push({ path: at, atKey, message });

  if (typeof value === "number" && !Number.isFinite(value)) {
    add(`expected a finite number, got ${Number.isNaN(value) ? ".nan" : value > 0 ? ".inf (or a number too large to hold)" : "-.inf"}`);
    return;
  }
  if (schema.type !== undefined) {
    const allowed = Array.isArray(schema.type) ? schema.type : [schema.type as SchemaType];
    const actual = typeOf(value);
    if (!allowed.some((type) => matchesType(actual, type))) {
      add(`expected ${allowed.join(" or ")}, got ${describe(value)}${typeHint(value, allowed)}`);
      return;
    }
  }
  if (schema.const !== undefined && value !== schema.const) add(`must be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) {
    add(
      `${describe(value)} is not one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}${typeof value === "string" ? didYouMean(value, schema.enum.map(String)) : ""}`,
    );
  }
  if (typeof value === "string") checkString(value, schema, add);
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) add(`must be at least ${schema.minimum}, got ${value}`);
    if (schema.maximum !== undefined && value > schema.maximum) add(`must be at most ${schema.maximum}, got ${value}`);
  }
  if (Array.isArray(value)) checkArray(value, schema, root, path, issues, add);
  else if (isPlainObject(value)) checkObject(value, schema, root, path, issues, add);
}

/** Longer strings are refused whatever the field: nothing in a config or pack needs more. */
export const MAX_STRING_LENGTH = 8192;

/** C0 controls other than tab, newline and carriage return; DEL; C1 controls; line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;

function checkString(value: string, schema: JsonSchema, add: (message: string) => void): void {
  const control = CONTROL_CHARACTER.exec(value);
  if (control) {
    add(
      `contains the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} at character ${control.index + 1}; AWS refuses it or shows it garbled`,
    );
    return;
  }
  if (value.length > MAX_STRING_LENGTH) {
    add(`is ${value.length} characters long; at most ${MAX_STRING_LENGTH} are read`);
    return;
  }
  if (schema.minLength !== undefined && value.length < schema.minLength) {
    add(schema.minLength === 1 ? "must not be empty" : `must be at least ${schema.minLength} characters long`);
  }
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    add(`must be at most ${schema.maxLength} characters long, got ${value.length}`);
  }
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
    add(`${JSON.stringify(value)} ${schema.patternErrorMessage ?? `does not match ${schema.pattern}`}`);
  }
}

function checkArray(value: unknown[], schema: JsonSchema, root: JsonSchema, path: FieldPath, issues: SchemaIssue[], add: (message: string) => void): void {
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    add(schema.minItems === 1 ? "must list at least one item" : `must list at least ${schema.minItems} items`);
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) add(`must list at most ${schema.maxItems} items`);
  if (schema.uniqueItems) {
    const seen = new Map<string, number>();
    value.forEach((item, index) => {
      const key = JSON.stringify(item);
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push({ path: [...path, index], atKey: false, message: `duplicates item ${first} (${key})` });
      } else seen.set(key, index);
    });
  }
  if (schema.items) value.forEach((item, index) => check(item, schema.items!, root, [...path, index], issues));
}

function checkObject(
  value: Record<string, unknown>,
  schema: JsonSchema,
  root: JsonSchema,
  path: FieldPath,
  issues: SchemaIssue[],
  add: (message: string, atKey?: boolean, at?: FieldPath) => void,
): void {
  const properties = schema.properties ?? {};
  for (const name of schema.required ?? []) {
    if (!hasOwn(value, name)) add(`missing required key "${name}"`);
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, key];
    if (schema.propertyNames) {
      const nameIssues: SchemaIssue[] = [];
      check(key, schema.propertyNames, root, childPath, nameIssues);
      for (const issue of nameIssues) issues.push({ ...issue, atKey: true, message: `key ${issue.message}` });
    }
    const known = hasOwn(properties, key) ? properties[key] : undefined;
    if (known) {
      check(child, known, root, childPath, issues);
    } else if (schema.additionalProperties === false) {
      add(
        `unknown key ${JSON.stringify(key)}${didYouMean(key, Object.keys(properties))}; allowed keys: ${Object.keys(properties).join(", ")}`,
        true,
        childPath,
      );
    } else if (isPlainObject(schema.additionalProperties)) {
      check(child, schema.additionalProperties, root, childPath, issues);
    }
  }
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema {
  const match = /^#\/definitions\/(.+)$/.exec(ref);
  const target = match ? root.definitions?.[match[1]] : undefined;
  if (!target) throw new Error(`schema reference ${ref} does not resolve`);
  return target;
}

type ActualType = SchemaType;

function typeOf(value: unknown): ActualType {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as ActualType;
}

function matchesType(actual: ActualType, wanted: SchemaType): boolean {
  return actual === wanted || (wanted === "number" && actual === "integer");
}

function describe(value: unknown): string {
  const type = typeOf(value);
  if (type === "null") return "nothing (an empty value)";
  if (type === "object") return "a mapping";
  if (type === "array") return "a list";
  return `${type} ${JSON.stringify(value)}`;
}

/** YAML reads 012345678901 as a number and drops the zero; tell the user how to keep it. */
function typeHint(value: unknown, allowed: readonly SchemaType[]): string {
  if (allowed.includes("string") && (typeof value === "number" || typeof value === "boolean")) {
    return " (put the value in quotes to make it a string)";
  }
  return "";
}
