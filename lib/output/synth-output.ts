import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FolderLayout } from "./output-folder";

/**
 * The synth output folder (cdktf.out): manifest.json and stacks/<stack>/cdk.tf.json (or
 * cdk.tf). The cdktf CLI and terraform work inside stack folders (`cdktf diff` runs
 * `terraform init` and `plan -out=plan` there), and users drop files there too (an
 * `*_override.tf.json`): whatever is in the folder of a stack that is still synthesized is
 * kept. The folder of a stack no longer in the config goes; terraform's own working files
 * in it can go with it (init rebuilds them), anything else stops the synth. A file or folder
 * anywhere else that this tool did not write (another project's stack beside ours) stops it.
 */
export const STACKS_FOLDER = "stacks";

/** What `terraform init` / `cdktf diff` leave in a stack folder, all rebuilt by the next init or plan. */
const TERRAFORM_WORKING_FILES = new Set([".terraform", ".terraform.lock.hcl", "plan", ".terraform.tfstate.lock.info"]);

export function synthOutputLayout(currentStacks: ReadonlySet<string>, underCli: boolean): FolderLayout {
  return {
    description: "the synth output",
    adopt: adoptEarlierSynth,
    foreign(path) {
      const [top, stack, entry, ...rest] = path.split("/");
      if (top !== STACKS_FOLDER || stack === undefined || entry === undefined) return "refuse";
      if (currentStacks.has(stack)) return "keep";
      // The cdktf CLI removes the folder of a stack that is gone itself, after the app: it must still be there.
      if (rest.length === 0 && TERRAFORM_WORKING_FILES.has(entry)) return underCli ? "keep" : "delete";
      return "refuse";
    },
  };
}

/**
 * An output written before this tool kept a record: cdktf's manifest.json names the stacks,
 * and each stack's folder holds its cdk.tf.json or cdk.tf.
 */
function adoptEarlierSynth(folder: string): { files: string[]; folders: string[] } | undefined {
  let manifest: { stacks?: Record<string, { synthesizedStackPath?: unknown }> };
  try {
    manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8")) as typeof manifest;
  } catch {
    return undefined;
  }
  if (!manifest || typeof manifest.stacks !== "object" || manifest.stacks === null) return undefined;
  const files = ["manifest.json"];
  const folders = [STACKS_FOLDER];
  for (const name of Object.keys(manifest.stacks)) {
    if (!/^[A-Za-z0-9_.-]+$/.test(name) || name === "." || name === "..") continue;
    folders.push(`${STACKS_FOLDER}/${name}`);
    for (const file of ["cdk.tf.json", "cdk.tf"]) if (existsSync(join(folder, STACKS_FOLDER, name, file))) files.push(`${STACKS_FOLDER}/${name}/${file}`);
  }
  return { files, folders };
}
