import { SourceRef } from "./model";
import { FieldPath, YamlSource, formatPath } from "./yaml-source";

/**
 * One account's settings: its own keys over the config's `defaults`. Objects merge key by
 * key; lists and scalars from the account replace the defaults'. Every value remembers
 * where it was written, so an error in a shared default points at `defaults.…` and an
 * error in an account's own value points at `accounts[i].…`.
 */
export class AccountSettings {
  constructor(
    private readonly source: YamlSource,
    private readonly accountIndex: number,
  ) {}

  private get root(): Record<string, unknown> {
    return this.source.value as Record<string, unknown>;
  }

  private accountPath(path: FieldPath): FieldPath {
    return ["accounts", this.accountIndex, ...path];
  }

  private defaultsPath(path: FieldPath): FieldPath {
    return ["defaults", ...path];
  }

  /** The merged value at `path` (account first, then defaults), or undefined. */
  get<T>(path: FieldPath): T | undefined {
    const own = dig(this.root, this.accountPath(path));
    if (own !== undefined) return own as T;
    return dig(this.root, this.defaultsPath(path)) as T | undefined;
  }

  /** True when the account itself (not `defaults`) writes `path`. */
  ownedByAccount(path: FieldPath): boolean {
    return dig(this.root, this.accountPath(path)) !== undefined;
  }

  /** Keys of the merged object at `path`, defaults' first, in written order. */
  keys(path: FieldPath): string[] {
    const fromDefaults = objectKeys(dig(this.root, this.defaultsPath(path)));
    const own = objectKeys(dig(this.root, this.accountPath(path)));
    return [...new Set([...fromDefaults, ...own])];
  }

  /**
   * Where the effective value at `path` is written. When neither the account nor the
   * defaults spell it out, the side holding more of the path wins, and the location is its
   * deepest existing parent (the subscription that lacks a role_arn, say).
   */
  where(path: FieldPath): SourceRef {
    const ownPath = this.accountPath(path);
    const defaultsPath = this.defaultsPath(path);
    const chosen = existingDepth(this.root, ownPath) - 2 >= existingDepth(this.root, defaultsPath) - 1 ? ownPath : defaultsPath;
    return { ...this.source.locate(chosen), field: formatPath(chosen) };
  }
}

function dig(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** How many leading steps of `path` exist in `value`. */
function existingDepth(value: unknown, path: FieldPath): number {
  let current = value;
  for (let depth = 0; depth < path.length; depth++) {
    if (current === null || typeof current !== "object" || !(path[depth] in current)) return depth;
    current = (current as Record<string | number, unknown>)[path[depth]];
  }
  return path.length;
}

function objectKeys(value: unknown): string[] {
  return value && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : [];
}
