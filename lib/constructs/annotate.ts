import { TerraformResource } from "cdktf";
import { NOTE_KEY, ResourceNote } from "../terraform/resource-notes";

/** Attaches a review note to a resource (Terraform ignores the "//" key; see lib/terraform/resource-notes.ts). */
export function annotate(resource: TerraformResource, note: ResourceNote): void {
  resource.addOverride(`//.${NOTE_KEY}`, note);
}
