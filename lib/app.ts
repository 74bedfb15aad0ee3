import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { Model } from "./config/model";
import { repairHcl } from "./hcl-output";
import { AccountStack } from "./stacks/account-stack";

export interface BuildOptions {
  /** Where synth writes; defaults to CDKTF_OUTDIR (set by the cdktf CLI) or cdktf.out. */
  readonly outdir?: string;
}

/** One stack per account, added in name order. */
export function buildApp(model: Model, options: BuildOptions = {}): App {
  const app = new App({ outdir: options.outdir, skipValidation: false });
  for (const account of model.accounts) new AccountStack(app, account, model.backend);
  return app;
}

/**
 * Synthesizes and tidies the output folder: stack folders of accounts no longer in the
 * config are removed (the cdktf CLI does this too; `npm run synth` does not go through it),
 * and so is the other format's file, since terraform would load a stale cdk.tf.json next to a
 * fresh cdk.tf (or the reverse) and find every resource declared twice. HCL output gets
 * the repairs in hcl-output.ts.
 */
export function synthesize(model: Model, options: BuildOptions = {}): string {
  const app = buildApp(model, options);
  app.synth();
  const hcl = process.env.SYNTH_HCL_OUTPUT === "true";
  const stacksDir = join(app.outdir, "stacks");
  const current = new Set(model.accounts.map((account) => account.name));
  for (const entry of existsSync(stacksDir) ? readdirSync(stacksDir, { withFileTypes: true }) : []) {
    if (!entry.isDirectory()) continue;
    const dir = join(stacksDir, entry.name);
    if (!current.has(entry.name)) {
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    rmSync(join(dir, hcl ? "cdk.tf.json" : "cdk.tf"), { force: true });
    const hclFile = join(dir, "cdk.tf");
    if (hcl && existsSync(hclFile)) writeFileSync(hclFile, repairHcl(readFileSync(hclFile, "utf8")));
  }
  return app.outdir;
}
