import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./synth";

/** Runs `cdktf synth` (the real CLI, as users do) for a config into a fresh folder; returns stack name -> file text. */
export function cdktfSynth(config: string, hcl: boolean): Map<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), "cis-cdktf-"));
  const cli = join(ROOT, "node_modules", ".bin", "cdktf");
  const result = spawnSync(cli, ["synth", ...(hcl ? ["--hcl"] : []), "--output", outdir], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CIS_CONFIG: config, CHECKPOINT_DISABLE: "1", CI: "1" },
  });
  if (result.status !== 0) throw new Error(`cdktf synth failed:\n${result.stderr}${result.stdout}`);
  const file = hcl ? "cdk.tf" : "cdk.tf.json";
  const stacks = new Map<string, string>();
  for (const name of readdirSync(join(outdir, "stacks")).sort()) stacks.set(name, readFileSync(join(outdir, "stacks", name, file), "utf8"));
  return stacks;
}
