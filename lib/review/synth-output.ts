import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** A synthesized stack (cdk.tf.json) as parsed JSON. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: { aws?: Record<string, unknown>[] };
  readonly terraform?: { backend?: Record<string, Record<string, unknown>> };
  readonly moved?: { from: string; to: string }[];
}

/** Reads every stack of a cdktf output folder (cdktf.out): stack name -> JSON. */
export function readSynthOutput(dir: string): Map<string, StackJson> {
  const stacksDir = join(dir, "stacks");
  if (!existsSync(stacksDir)) throw new Error(`${dir} has no stacks/ folder; is it a cdktf output folder (cdktf.out)?`);
  const stacks = new Map<string, StackJson>();
  for (const name of readdirSync(stacksDir).sort()) {
    const file = join(stacksDir, name, "cdk.tf.json");
    if (!existsSync(file)) {
      if (existsSync(join(stacksDir, name, "cdk.tf"))) throw new Error(`${join(stacksDir, name)} holds HCL; review reads the JSON output (synth without --hcl)`);
      continue;
    }
    stacks.set(name, JSON.parse(readFileSync(file, "utf8")) as StackJson);
  }
  return stacks;
}
