import { AttributeChange } from "./change-set";

/**
 * Leaf-by-leaf differences between two values. JSON documents held in strings (policies)
 * are compared as JSON, as the AWS provider does (reformatting one is no change). A value
 * equal to `unknown` (known only after apply) always counts as a change.
 */
export function diffValues(before: unknown, after: unknown, path: string, unknown?: string): AttributeChange[] {
  if (unknown !== undefined && after === unknown) return before === unknown ? [] : [{ path, before, after }];
  const parsedBefore = asJsonDocument(before);
  const parsedAfter = asJsonDocument(after);
  if (parsedBefore !== undefined && parsedAfter !== undefined) return diffValues(parsedBefore, parsedAfter, path, unknown);
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = Array.isArray(before)
      ? Array.from({ length: Math.max(before.length, (after as unknown[]).length) }, (_, index) => index)
      : [...new Set([...Object.keys(before), ...Object.keys(after as object)])].sort();
    return keys.flatMap((key) => {
      const childPath = typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      return diffValues((before as Record<string | number, unknown>)[key], (after as Record<string | number, unknown>)[key], childPath, unknown);
    });
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null;
}

function asJsonDocument(value: unknown): unknown {
  if (typeof value !== "string" || !value.trimStart().startsWith("{")) return undefined;
  try {
    const parsed = JSON.parse(value);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
