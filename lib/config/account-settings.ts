import { hasOwn, isPlainObject } from "../source/plain-data";
import { SourceRef } from "../model/model";
import { FieldPath, YamlSource, formatPath } from "../source/yaml-source";
import { accountDefault } from "./defaults";

/**
 * One account's settings: its own keys over the config's `defaults`. The merge rule lives
 * here and nowhere else: where both sides hold a mapping, the mappings merge key by key
 * (recursively: `alarm`, `overrides.<rule>`, `topics.<key>`, `tags`); anything else the
 * account writes (a list, a scalar, a mapping over a non-mapping) replaces the default
 * entirely. Every merged value remembers where it was written: a problem with a shared
 * default points at `defaults.…`, one with the account's own value at `accounts[i].…`, and
 * a missing value at the nearest enclosing mapping or list that is in effect.
 */
export class AccountSettings {
  /** The document root with every value the schema refused removed (see load-config.ts). */
  constructor(
    private readonly source: YamlSource,
    private readonly accountIndex: number,
    private readonly root: unknown = source.value,
  ) {}

  /** The merged value at `path`, or undefined. */
  get<T>(path: FieldPath): T | undefined {
    return this.resolve(path).value as T | undefined;
  }

  /**
   * The merged value at `path`, else its built-in default (accountDefault in defaults.ts, the
   * one place defaults are applied). A setting without a default is a programming error here:
   * use get() for settings that may be absent.
   */
  value<T>(path: FieldPath): T {
    const written = this.get<T>(path);
    if (written !== undefined) return written;
    const fallback = accountDefault(path, this);
    if (fallback === undefined) throw new Error(`${formatPath(path)} has no built-in default (lib/config/defaults.ts)`);
    return fallback as T;
  }

  /** True when the account itself (not `defaults`) writes `path`. */
  ownedByAccount(path: FieldPath): boolean {
    return dig(this.root, ["accounts", this.accountIndex, ...path]) !== undefined;
  }

  /** Keys of the merged mapping at `path`: the defaults' first, then the account's own, in written order. */
  keys(path: FieldPath): string[] {
    const value = this.get(path);
    return isPlainObject(value) ? Object.keys(value) : [];
  }

  /** Where the effective value at `path` is written (or, when it is missing, where it would go). */
  where(path: FieldPath): SourceRef {
    const { writtenAt, missing } = this.resolve(path);
    // A missing value is located at its nearest written ancestor, but named in full.
    return { ...this.source.locate(writtenAt), field: formatPath([...writtenAt, ...missing]) };
  }

  /**
   * Follows `path` through both sides at once. Mappings on both sides merge; otherwise
   * the account's value wins. `writtenAt` is the document path of the deepest node on
   * the path that is in effect.
   */
  private resolve(path: FieldPath): { value: unknown; writtenAt: FieldPath; missing: FieldPath } {
    type Side = { value: unknown; at: FieldPath };
    let sides: Side[] = [
      { value: dig(this.root, ["accounts", this.accountIndex]), at: ["accounts", this.accountIndex] },
      { value: dig(this.root, ["defaults"]), at: ["defaults"] },
    ].filter((side) => side.value !== undefined);
    let writtenAt: FieldPath = sides[0]?.at ?? ["accounts", this.accountIndex];
    for (const [index, step] of path.entries()) {
      const next = sides.map((side) => ({ value: child(side.value, step), at: [...side.at, step] })).filter((side) => side.value !== undefined);
      if (next.length === 0) return { value: undefined, writtenAt, missing: path.slice(index) };
      // Only mappings merge: the account's non-mapping (or a mapping over a default non-mapping) replaces.
      sides = isPlainObject(next[0].value) ? next.filter((side) => isPlainObject(side.value)) : [next[0]];
      writtenAt = sides[0].at;
    }
    return { value: merge(sides.map((side) => side.value)), writtenAt, missing: [] };
  }
}

/** Merges values, the first winning: mappings key by key, anything else as it stands. */
export function merge(values: readonly unknown[]): unknown {
  const [first] = values;
  if (!isPlainObject(first)) return first;
  const mappings = values.filter(isPlainObject);
  const out: Record<string, unknown> = {};
  // Defaults' keys first (the order users see them in), then keys only the account has.
  for (const key of new Set(
    mappings
      .slice()
      .reverse()
      .flatMap((mapping) => Object.keys(mapping)),
  )) {
    const candidates = mappings.map((mapping) => child(mapping, key)).filter((value) => value !== undefined);
    Object.defineProperty(out, key, { value: merge(candidates), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A child by own key only: `__proto__`, `constructor` and friends are data here, never the prototype's. */
function child(value: unknown, step: string | number): unknown {
  if (value === null || typeof value !== "object") return undefined;
  return hasOwn(value, step) ? (value as Record<string | number, unknown>)[step] : undefined;
}

function dig(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const step of path) current = child(current, step);
  return current;
}
