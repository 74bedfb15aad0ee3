/**
 * Helpers for the JSON-like data every layer passes around (parsed YAML, events, stacks).
 * Lookups go by own keys only: a key named `__proto__` or `constructor` is data.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function hasOwn(value: object, key: string | number): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}
