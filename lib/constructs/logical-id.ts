export { logicalId } from "../config/addresses";

/** Anything cdktf can give a fixed logical id and a `moved` block. */
interface Addressable {
  readonly terraformResourceType: string;
  overrideLogicalId(id: string): void;
  moveFromId(id: string): void;
}

/**
 * Gives a resource its model-derived name (lib/config/addresses.ts) and, when the model
 * says it was renamed, a `moved` block from its previous address, so Terraform renames
 * state instead of replacing the real resource.
 */
export function placeResource(resource: Addressable, id: string, previousId?: string): void {
  resource.overrideLogicalId(id);
  if (previousId !== undefined && previousId !== id) resource.moveFromId(`${resource.terraformResourceType}.${previousId}`);
}
