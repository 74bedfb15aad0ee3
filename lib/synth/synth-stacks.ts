import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "./app";
import { Model } from "../model/model";

/**
 * Every stack a model synthesizes, by stack name, as the JSON text `cdktf synth` would
 * write: synthesized into a temporary folder that is removed afterwards. The commands that
 * read the Terraform back (simulate, check, compliance, bench) share this.
 */
export function synthesizeToTexts(model: Model): Map<string, string> {
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
