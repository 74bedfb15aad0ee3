import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { App } from "cdktf";
import { Model } from "../model/model";

/**
 * Synth of a large organization on every core. Accounts synthesize independently (no stack
 * refers to another), so they are dealt out between this thread and worker threads, each
 * building and synthesizing its own cdktf App into the same output folder (each stack has a
 * folder of its own); then the manifest of this thread's App takes the workers' entries and
 * is written last, so the folder holds byte for byte what one App would write. Workers run
 * the bundle the process was started from (tools/launcher.js), so this works from bundles
 * only; elsewhere (under jest) synth stays on one thread.
 */
export const PARALLEL_FROM_ACCOUNTS = 24;

interface WorkerInput {
  readonly cisSynthWorker: true;
  readonly model: Model;
  readonly outdir: string;
}

type WorkerOutput = { readonly stacks: Record<string, unknown> } | { readonly error: string; readonly code?: string };

/** Builds an App for a model; app.ts passes its own, so this module does not import the stacks. */
export type AppBuilder = (model: Model, outdir: string) => App;

/**
 * Synthesizes `model` into `outdir` as app.synth() would, in parallel when it is worth it.
 * Returns this thread's App (its children are this thread's share of the stacks).
 */
export async function synthInParallel(model: Model, outdir: string, build: AppBuilder): Promise<App> {
  const workers = workerCount(model.accounts.length);
  if (workers === 0) {
    const app = build(model, outdir);
    app.synth();
    return app;
  }
  // Dealt out in turn: neighbours in name order cost alike, so every share costs about the same.
  const shares = Array.from({ length: workers + 1 }, (_, share) => model.accounts.filter((_, index) => index % (workers + 1) === share));
  // Made before any App starts: each App creates its folders only when they are missing, and they would race.
  mkdirSync(join(outdir, "stacks"), { recursive: true });
  const running = shares.slice(1).map((accounts) => runWorker({ cisSynthWorker: true, model: { ...model, accounts }, outdir }));
  let own: { app: App; stacks: Record<string, unknown> } | undefined;
  let ownError: unknown;
  try {
    own = synthInBatches({ ...model, accounts: shares[0] }, outdir, build);
  } catch (error) {
    ownError = error;
  }
  const results = await Promise.allSettled(running);
  if (ownError || !own) throw ownError;
  // The last batch's manifest becomes the whole one: every entry, in the order one App would list them.
  const manifest = manifestOf(own.app);
  for (const name of Object.keys(manifest.stacks)) delete manifest.stacks[name];
  Object.assign(manifest.stacks, own.stacks);
  for (const result of results) {
    if (result.status === "rejected") throw result.reason;
    Object.assign(manifest.stacks, result.value);
  }
  manifest.writeToFile();
  return own.app;
}

/**
 * Accounts per App on a thread. An App keeps every construct until it is garbage, so a
 * thread that synthesized its whole share in one App held all of it at once (470 MB at
 * 1,000 accounts), and every page of that is a fresh page fault, which costs this kind of
 * virtual machine as much CPU as the synth itself. In batches, memory stays that of one
 * batch and its pages are reused.
 */
export const BATCH_ACCOUNTS = 25;

/** Synthesizes the accounts batch by batch; the last batch's App, and every batch's manifest entries in order. */
function synthInBatches(model: Model, outdir: string, build: AppBuilder): { app: App; stacks: Record<string, unknown> } {
  const stacks: Record<string, unknown> = {};
  let app: App | undefined;
  for (let start = 0; start < model.accounts.length || app === undefined; start += BATCH_ACCOUNTS) {
    app = build({ ...model, accounts: model.accounts.slice(start, start + BATCH_ACCOUNTS) }, outdir);
    app.synth();
    Object.assign(stacks, manifestOf(app).stacks);
    forgetTokens();
  }
  return { app, stacks };
}

/**
 * cdktf registers every token it creates in one map per thread and never lets go, so a
 * synthesized App's tokens outlive it. Once a batch has synthesized nothing refers to them
 * (no stack refers to another, and the model holds no tokens): the map is emptied in place
 * (cdktf's resolver keeps a reference to it), and its counter goes on, so no token string
 * is ever reused.
 */
function forgetTokens(): void {
  const map = (globalThis as { __cdktfTokenMap?: { stringTokenMap?: Map<string, unknown>; numberTokenMap?: Map<number, unknown> } }).__cdktfTokenMap;
  map?.stringTokenMap?.clear();
  map?.numberTokenMap?.clear();
}

function manifestOf(app: App): { stacks: Record<string, unknown>; writeToFile(): void } {
  return app.manifest as unknown as { stacks: Record<string, unknown>; writeToFile(): void };
}

/** Extra threads to use: none for small models, outside a bundle, or on one core. */
function workerCount(accounts: number): number {
  if (typeof CIS_BUNDLED_ROOT !== "string" || !isMainThread || accounts < PARALLEL_FROM_ACCOUNTS) return 0;
  return Math.max(0, Math.min(availableParallelism(), 4) - 1);
}

declare const CIS_BUNDLED_ROOT: string | undefined;

/** Runs a worker on a share; resolves to its manifest entries. */
function runWorker(input: WorkerInput): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(require.main!.filename, { workerData: input });
    worker.once("message", (message: WorkerOutput) => {
      if ("stacks" in message) resolve(message.stacks);
      else reject(Object.assign(new Error(message.error), { code: message.code }));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`a synth worker stopped with exit code ${code}`));
    });
  });
}

/**
 * The worker's side: when this bundle was started as a synth worker, synthesize the share it
 * was given and report. Deferred to a later turn, so that the whole bundle has loaded first.
 */
export function serveAsSynthWorker(build: AppBuilder): boolean {
  const input = workerData as WorkerInput | undefined;
  if (isMainThread || !input?.cisSynthWorker) return false;
  setImmediate(() => {
    let reply: WorkerOutput;
    try {
      reply = { stacks: synthInBatches(input.model, input.outdir, build).stacks };
    } catch (error) {
      reply = { error: (error as Error).message, code: (error as NodeJS.ErrnoException).code };
    }
    parentPort!.postMessage(reply);
  });
  return true;
}
