import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** A synthesized stack (cdk.tf.json) as parsed JSON: the parts the review reads. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: { aws?: Record<string, unknown>[] };
  readonly terraform?: { backend?: Record<string, Record<string, unknown>> };
  readonly moved?: readonly { from: string; to: string }[];
  readonly removed?: readonly { from: string; lifecycle?: { destroy?: boolean } }[];
  readonly import?: readonly { to: string; id: string; provider?: string }[];
  readonly output?: Record<string, { value: unknown; description?: string }>;
}

/** Reads every stack of a cdktf output folder (cdktf.out): stack name -> JSON. */
export function readSynthOutput(dir: string): Map<string, StackJson> {
  const stacksDir = join(dir, "stacks");
  if (!existsSync(stacksDir)) throw new Error(`${dir} has no stacks/ folder; is it a cdktf output folder (cdktf.out)?`);
  const stacks = new Map<string, StackJson>();
  for (const name of readdirSync(stacksDir).sort()) {
    const file = join(stacksDir, name, "cdk.tf.json");
    if (!existsSync(file)) {
      if (existsSync(join(stacksDir, name, "cdk.tf")))
        throw new Error(`${join(stacksDir, name)} holds HCL; review reads the JSON output (synth without --hcl)`);
      continue;
    }
    stacks.set(name, JSON.parse(readFileSync(file, "utf8")) as StackJson);
  }
  return stacks;
}

/** Managed resources by address (`type.name`), bodies as written (the "//" notes included). */
export function resourcesOf(stack: StackJson | undefined): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const [type, byName] of Object.entries(stack?.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) out.set(`${type}.${name}`, body);
  }
  return out;
}

/** A stack's provider configurations by Terraform key: "aws" or "aws.<alias>". */
export function providersOf(stack: StackJson | undefined): Map<string, Record<string, unknown>> {
  return new Map((stack?.provider?.aws ?? []).map((config) => [config.alias ? `aws.${String(config.alias)}` : "aws", config]));
}

export function splitAddress(address: string): { type: string; name: string } {
  const dot = address.indexOf(".");
  return { type: address.slice(0, dot), name: address.slice(dot + 1) };
}

/** Arguments that are Terraform's, not the resource's. */
export const META_ARGUMENTS = new Set(["//", "provider", "depends_on", "lifecycle", "count", "for_each", "provisioner", "connection"]);
