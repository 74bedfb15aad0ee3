import { InputRefusal } from "../source/read-text";
import { isPlainObject } from "../source/plain-data";
import { AttributeChange, ResourceAction, ResourceChange, StackChange, compareAddresses, isChange } from "./change-set";
import { UNKNOWN } from "./predict";
import { diffValues } from "./values";

/** The parts of `terraform show -json <planfile>` the review reads. */
export interface PlanJson {
  readonly resource_changes?: readonly {
    readonly address: string;
    readonly previous_address?: string;
    readonly mode: string;
    readonly type: string;
    readonly name: string;
    readonly change: {
      readonly actions: readonly string[];
      readonly before: Record<string, unknown> | null;
      readonly after: Record<string, unknown> | null;
      readonly after_unknown?: unknown;
      readonly importing?: { readonly id?: string };
      readonly replace_paths?: readonly (readonly (string | number)[])[];
    };
  }[];
}

const ACTIONS = new Set(["no-op", "create", "read", "update", "delete", "forget"]);

/**
 * Checks that a parsed value is `terraform show -json` of a plan (not of a state, not any
 * other JSON), down to every field the review reads; the refusal names the first that is off.
 */
export function parsePlan(value: unknown): PlanJson {
  const fail = (field: string, expected: string): never => {
    throw new InputRefusal(`not the JSON of a plan (terraform show -json <planfile>): ${field ? `${field} must be ${expected}` : expected}`);
  };
  if (!isPlainObject(value)) return fail("", "expected an object");
  if (typeof value.format_version !== "string") fail("format_version", "a string");
  if (!isPlainObject(value.planned_values)) fail("planned_values", "an object (a state's JSON has none: show the plan file, not the state)");
  if (value.resource_changes === undefined) return value as PlanJson;
  if (!Array.isArray(value.resource_changes)) return fail("resource_changes", "a list");
  (value.resource_changes as unknown[]).forEach((entry, index) => {
    const at = `resource_changes[${index}]`;
    if (!isPlainObject(entry)) return fail(at, "an object");
    for (const field of ["address", "mode", "type", "name"]) if (typeof entry[field] !== "string") fail(`${at}.${field}`, "a string");
    if (entry.previous_address !== undefined && typeof entry.previous_address !== "string") fail(`${at}.previous_address`, "a string");
    const change = entry.change;
    if (!isPlainObject(change)) return fail(`${at}.change`, "an object");
    if (!Array.isArray(change.actions) || change.actions.length === 0 || !change.actions.every((action) => typeof action === "string" && ACTIONS.has(action))) {
      fail(`${at}.change.actions`, `a list of terraform actions (${[...ACTIONS].join(", ")})`);
    }
    for (const side of ["before", "after"])
      if (change[side] !== null && change[side] !== undefined && !isPlainObject(change[side])) fail(`${at}.change.${side}`, "an object or null");
    if (change.importing !== undefined && !isPlainObject(change.importing)) fail(`${at}.change.importing`, "an object");
    if (change.replace_paths !== undefined && (!Array.isArray(change.replace_paths) || !change.replace_paths.every(Array.isArray))) {
      fail(`${at}.change.replace_paths`, "a list of paths");
    }
  });
  return value as PlanJson;
}

/** Terraform's own verdict on one stack, as the same StackChange a prediction gives. */
export function changesFromPlan(name: string, plan: PlanJson): StackChange {
  const resources: ResourceChange[] = [];
  for (const entry of plan.resource_changes ?? []) {
    if (entry.mode !== "managed") continue;
    const action = actionOf(entry.change.actions);
    const after = entry.change.after ? withUnknowns(entry.change.after, entry.change.after_unknown) : undefined;
    const attributes: AttributeChange[] = action === "update" || action === "replace" ? diffValues(entry.change.before ?? {}, after ?? {}, "", UNKNOWN) : [];
    const change: ResourceChange = {
      address: entry.address,
      type: entry.type,
      name: entry.name,
      action,
      movedFrom: entry.previous_address,
      importId: entry.change.importing?.id,
      attributes,
      replacedBecause: (entry.change.replace_paths ?? []).map((path) => String(path[0])),
      before: entry.change.before ?? undefined,
      after,
    };
    if (isChange(change)) resources.push(change);
  }
  resources.sort(compareAddresses);
  return { name, status: resources.length ? "changed" : "unchanged", resources, orphaned: [], providers: [], blockers: [] };
}

function actionOf(actions: readonly string[]): ResourceAction {
  const key = [...actions].sort().join(",");
  if (key === "create,delete") return "replace";
  if (["create", "update", "delete", "forget", "no-op"].includes(key)) return key as ResourceAction;
  if (key === "read") return "no-op";
  throw new Error(`unexpected terraform actions ${JSON.stringify(actions)}`);
}

/** Marks the values terraform knows only after apply, as the prediction does. */
function withUnknowns(values: unknown, unknown: unknown): Record<string, unknown> {
  const merge = (value: unknown, marks: unknown): unknown => {
    if (marks === true) return UNKNOWN;
    if (Array.isArray(marks)) return (Array.isArray(value) ? value : marks.map(() => undefined)).map((item, index) => merge(item, marks[index]));
    if (marks && typeof marks === "object") {
      const out: Record<string, unknown> = { ...((value as Record<string, unknown>) ?? {}) };
      for (const [key, mark] of Object.entries(marks)) out[key] = merge(out[key], mark);
      return out;
    }
    return value;
  };
  return merge(values, unknown) as Record<string, unknown>;
}
