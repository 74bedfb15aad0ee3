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
