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

/** Anything cdktf can give a fixed logical id and a `moved` block. */
interface Addressable {
  readonly terraformResourceType: string;
  overrideLogicalId(id: string): void;
  moveFromId(id: string): void;
}

/**
 * Gives a resource its model-derived name and, when the model says it was renamed, a
 * `moved` block from its previous address, so Terraform renames state instead of replacing
 * the real resource.
 */
export function placeResource(resource: Addressable, id: string, previousId?: string): void {
  resource.overrideLogicalId(id);
  if (previousId !== undefined && previousId !== id) resource.moveFromId(`${resource.terraformResourceType}.${previousId}`);
}
