import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { Model } from "../model/model";
import { formatHclStacks, removedBlocksHcl, repairHcl } from "./hcl-output";
import { FolderReplacement } from "../output/output-folder";
import { AppBuilder, serveAsSynthWorker, synthInParallel } from "./synth-in-parallel";
import { removedBlocksByStack } from "../stacks/removed-blocks";
import { stacksOf } from "../model/stack-names";
import { STACKS_FOLDER, synthOutputLayout } from "../output/synth-output";
import { AccountStack } from "../stacks/account-stack";
import { RegionalStack } from "../stacks/regional-stack";

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

/**
 * An account stack and the regional stacks of every account (see lib/model/stack-names.ts),
 * added in account name order. cdktf's validations are off: they check that resources have
 * a provider construct (these stacks always declare theirs) and spawn `terraform version`
 * for every stack with a moved or import block, which costs an organization minutes.
 */
export function buildApp(model: Model, options: BuildOptions = {}): App {
  skipTokenStackTraces();
  const app = new App({ outdir: options.outdir, skipValidation: true, stackTraces: false });
  for (const account of model.accounts) {
    new AccountStack(app, account.stacks.home, { account, backend: model.backend });
    for (const stack of account.stacks.regional) new RegionalStack(app, stack.name, { account, stack, backend: model.backend });
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
 * Synthesizes into the output folder (CDKTF_OUTDIR, set by the cdktf CLI, or cdktf.out) as
 * one replacement (lib/output): the stacks are written beside it and swapped in whole, so
 * an interrupted or failed synth leaves the previous output as it was, and only what this
 * tool wrote is ever removed. HCL output gets the repairs in hcl-output.ts; without the
 * CLI it is also formatted here, as the CLI formats it after the app. Under the CLI the
 * folders of stacks no longer in the config are left for the CLI, which removes them itself
 * (and fails if they are already gone).
 */
export async function synthesizeToFolder(model: Model, options: BuildOptions = {}): Promise<string> {
  const target = options.outdir ?? (process.env.CDKTF_OUTDIR || "cdktf.out");
  const current = new Set(model.accounts.flatMap((account) => stacksOf(account.stacks)));
  const underCli = underCdktfCli();
  const replacement = FolderReplacement.open(target, synthOutputLayout(current, underCli));
  try {
    await synthInParallel(model, replacement.staging, buildShare);
    if (writesHcl()) {
      const removedBlocks = new Map(model.accounts.flatMap((account) => removedBlocksByStack(account)));
      for (const name of current) {
        const file = join(replacement.staging, STACKS_FOLDER, name, "cdk.tf");
        if (existsSync(file)) writeFileSync(file, repairHcl(readFileSync(file, "utf8")) + removedBlocksHcl(removedBlocks.get(name) ?? []));
      }
      if (!underCli) await formatHclStacks(replacement.staging);
    }
    const stale = underCli ? replacement.previousFolders.filter((folder) => isStaleStackFolder(folder, current)) : [];
    replacement.commit(stale);
  } catch (error) {
    replacement.abandon();
    throw error;
  }
  return replacement.target;
}

function isStaleStackFolder(folder: string, current: ReadonlySet<string>): boolean {
  const [top, name, ...rest] = folder.split("/");
  return top === STACKS_FOLDER && name !== undefined && rest.length === 0 && !current.has(name);
}

/** How a share of the accounts is built, on this thread or a synth worker's. */
const buildShare: AppBuilder = (model, outdir) => buildApp(model, { outdir });

// A synth worker started from this bundle builds its share here (lib/synth/synth-in-parallel.ts).
serveAsSynthWorker(buildShare);
