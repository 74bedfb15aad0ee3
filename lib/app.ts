import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { Model } from "./config/model";
import { removedBlocksHcl, repairHcl } from "./hcl-output";
import { AccountStack } from "./stacks/account-stack";
import { RegionalStack } from "./stacks/regional-stack";

export interface BuildOptions {
  /** Where synth writes; defaults to CDKTF_OUTDIR (set by the cdktf CLI) or cdktf.out. */
  readonly outdir?: string;
}

/**
 * cdktf records a full-depth stack trace for every token it creates (tens of thousands for
 * a large organization), only to quote it if that token later fails to resolve; capturing
 * and formatting them took a fifth of synth time. They are captured on plain objects, never
 * on Errors, so capturing is skipped for exactly those; real errors keep their stacks.
 */
function skipTokenStackTraces(): void {
  const capture = Error.captureStackTrace as typeof Error.captureStackTrace & { skipsTokenTraces?: boolean };
  if (capture.skipsTokenTraces) return;
  const selective = (target: object, constructor?: Parameters<typeof Error.captureStackTrace>[1]) => {
    if (target instanceof Error) capture(target, constructor);
  };
  Error.captureStackTrace = Object.assign(selective, { skipsTokenTraces: true });
}

/** Two stacks per account (see lib/config/stack-names.ts), added in account name order. */
export function buildApp(model: Model, options: BuildOptions = {}): App {
  skipTokenStackTraces();
  const app = new App({ outdir: options.outdir, skipValidation: false, stackTraces: false });
  for (const account of model.accounts) {
    new AccountStack(app, account, model.backend);
    new RegionalStack(app, account, model.backend);
  }
  return app;
}

/** Whether this synth writes HCL (`cdktf synth --hcl` sets SYNTH_HCL_OUTPUT for the app). */
export function writesHcl(): boolean {
  return process.env.SYNTH_HCL_OUTPUT === "true";
}

/** True when the cdktf CLI runs the app (it removes stale stacks and formats HCL itself afterwards). */
export function underCdktfCli(): boolean {
  return process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
}

/**
 * Synthesizes and tidies the output folder: stack folders of accounts no longer in the
 * config are removed (the cdktf CLI does that itself after the app exits, so under the CLI
 * this is left to it; `npm run synth` does not go through the CLI),
 * and so is the other format's file, since terraform would load a stale cdk.tf.json next to a
 * fresh cdk.tf (or the reverse) and find every resource declared twice. HCL output gets
 * the repairs in hcl-output.ts.
 */
export function synthesize(model: Model, options: BuildOptions = {}): string {
  const app = buildApp(model, options);
  app.synth();
  const hcl = writesHcl();
  const stacksDir = join(app.outdir, "stacks");
  const current = new Set(model.accounts.flatMap((account) => [account.stacks.home, account.stacks.regional]));
  const removedBlocks = new Map(
    app.node.children
      .filter((child): child is AccountStack => child instanceof AccountStack)
      .map((stack) => [stack.node.id, stack.analyzerHandover?.removed ?? []]),
  );
  // The cdktf CLI removes stale stacks itself, and fails if they are already gone.
  const underCli = underCdktfCli();
  for (const entry of existsSync(stacksDir) ? readdirSync(stacksDir, { withFileTypes: true }) : []) {
    if (!entry.isDirectory()) continue;
    const dir = join(stacksDir, entry.name);
    if (!current.has(entry.name)) {
      if (!underCli) rmSync(dir, { recursive: true, force: true });
      continue;
    }
    rmSync(join(dir, hcl ? "cdk.tf.json" : "cdk.tf"), { force: true });
    const hclFile = join(dir, "cdk.tf");
    if (hcl && existsSync(hclFile)) {
      writeFileSync(hclFile, repairHcl(readFileSync(hclFile, "utf8")) + removedBlocksHcl(removedBlocks.get(entry.name) ?? []));
    }
  }
  return app.outdir;
}
