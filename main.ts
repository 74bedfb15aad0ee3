import { isMainThread } from "node:worker_threads";
import { synthesizeToFolder } from "./lib/synth/app";
import { loadConfig } from "./lib/config/load-config";
import { InvalidInputError } from "./lib/source/problems";
import { OutputRefusal } from "./lib/output/output-refusal";
import { configFileFrom } from "./lib/source/paths";

/**
 * Entry point of `cdktf synth`: reads the config named by CIS_CONFIG (default
 * rules/default.yaml), validates all of it, and only then synthesizes. Invalid input exits
 * with status 1 before anything is written, so the previous cdktf.out stays as it was; the
 * output itself is replaced in one step (lib/output), never torn.
 */
async function main(): Promise<number> {
  const configFile = configFileFrom(undefined);
  try {
    const { model } = loadConfig(configFile);
    for (const warning of model.warnings) process.stderr.write(`warning: ${warning}\n`);
    await synthesizeToFolder(model);
    return 0;
  } catch (error) {
    if (error instanceof OutputRefusal) {
      process.stderr.write(`error: ${error.message}; nothing was synthesized.\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === "string" && /^E[A-Z]+$/.test(code)) {
      // The output folder cannot be written (CDKTF_OUTDIR under a folder that does not exist, no permission, full disk).
      process.stderr.write(`error: cannot write the synthesized output: ${(error as Error).message}; the previous output is unchanged\n`);
      return 1;
    }
    if (!(error instanceof InvalidInputError)) throw error;
    const count = error.problems.length;
    process.stderr.write(`error: ${count} problem${count === 1 ? "" : "s"} in the configuration; nothing was synthesized.\n${error.message}\n`);
    return 1;
  }
}

// In a synth worker thread (lib/synth/synth-in-parallel.ts) this bundle only builds its share of the stacks.
if (isMainThread) main().then((status) => (process.exitCode = status));
