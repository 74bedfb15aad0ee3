import { SchemaIssue } from "../source/schema-validator";
import { FieldPath, formatPath } from "../source/yaml-source";

/**
 * After the schema refuses parts of a document, the rest is still checked in the same run
 * (a user fixing three mistakes should not need three runs). This removes what was
 * refused so later checks see only well-formed data: a refused key or value goes; a
 * refused list item takes its whole list with it (indexes must not shift, or positions
 * would point at the wrong line); an item of the top-level `accounts` or `rules` list that
 * is itself incomplete is marked to be skipped instead. Later problems at or around a
 * removed place are consequences of the one already reported, and are dropped.
 */
export interface Pruned {
  readonly value: unknown;
  /** Where something was removed. */
  readonly removed: readonly FieldPath[];
  /** Indexes of `list` items too broken to build (a missing required key). */
  readonly skipped: ReadonlySet<number>;
}

export function pruneInvalid(value: unknown, issues: readonly SchemaIssue[], list: "accounts" | "rules"): Pruned {
  const root = clone(value);
  const removed: FieldPath[] = [];
  const skipped = new Set<number>();
  for (const issue of issues) {
    const path = issue.path;
    if (path.length === 2 && path[0] === list && typeof path[1] === "number") {
      skipped.add(path[1]);
      continue;
    }
    const start = path[0] === list ? 2 : 0;
    const arrayAt = path.findIndex((step, index) => index >= start && typeof step === "number");
    const target = arrayAt >= 0 ? path.slice(0, arrayAt) : path;
    if (target.length === 0) continue;
    remove(root, target);
    removed.push(target);
  }
  return { value: root, removed, skipped };
}

/**
 * True when a problem's field lies at, inside or around a removed place. A place removed
 * from `defaults` is also every account's setting of that name (accounts inherit it): a
 * topic that lost a severity in defaults explains "no topic takes severity" in an account's
 * own topics, which is not a second mistake.
 */
export function touchesRemoved(field: string, removed: readonly FieldPath[]): boolean {
  return removed.some((path) => {
    const place = formatPath(path);
    if (related(field, place) || related(place, field)) return true;
    if (path[0] !== "defaults" || path.length < 2) return false;
    const inherited = formatPath(path.slice(1));
    const setting = /^accounts\[\d+\]\.(.+)$/.exec(field)?.[1];
    return setting !== undefined && (related(setting, inherited) || related(inherited, setting));
  });
}

function related(outer: string, inner: string): boolean {
  return inner === outer || (inner.startsWith(outer) && (inner[outer.length] === "." || inner[outer.length] === "["));
}

function remove(root: unknown, path: FieldPath): void {
  let current = root as Record<string | number, unknown> | undefined;
  for (const step of path.slice(0, -1)) {
    if (current === null || typeof current !== "object" || !Object.prototype.hasOwnProperty.call(current, step)) return;
    current = current[step] as Record<string | number, unknown>;
  }
  if (current && typeof current === "object") delete current[path[path.length - 1]];
}

/** A deep copy that keeps `__proto__` and friends as plain data. */
function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    Object.defineProperty(out, key, { value: clone(item), enumerable: true, writable: true, configurable: true });
  return out;
}
