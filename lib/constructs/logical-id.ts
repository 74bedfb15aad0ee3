/**
 * Terraform resource names derived from the model (rule ids, topic keys, regions), never
 * from where a construct sits in the tree: refactoring the code cannot rename real
 * resources, and adding or removing a rule touches only that rule's resources.
 */
export function logicalId(...parts: string[]): string {
  const joined = parts
    .join("_")
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
  return /^[A-Za-z_]/.test(joined) ? joined : `r_${joined}`;
}
