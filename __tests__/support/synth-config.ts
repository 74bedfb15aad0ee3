import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../../lib/app";
import { loadFrom } from "./temp-config";

/** Synthesizes a config text (as `npm run synth` would) and returns each stack's cdk.tf.json text, by stack name. */
export function synthConfigText(config: string, extra: Record<string, string> = {}): Map<string, string> {
  const { model } = loadFrom(config, extra);
  const outdir = mkdtempSync(join(tmpdir(), "cis-synth-"));
  try {
    buildApp(model, { outdir }).synth();
    const stacks = new Map<string, string>();
    for (const name of readdirSync(join(outdir, "stacks")).sort()) stacks.set(name, readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8"));
    return stacks;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
