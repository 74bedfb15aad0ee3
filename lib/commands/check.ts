import { writeFileSync } from "node:fs";
import { basename, dirname, extname, join, relative } from "node:path";
import { synthesizeToTexts } from "../synth/synth-stacks";
import { loadConfig } from "../config/load-config";
import { InvalidInputError } from "../source/problems";
import { describeFailure, runExamples } from "../evidence/run-examples";
import { configFileFrom } from "../source/paths";
import { summary } from "../review/markdown";
import { predictChanges } from "../review/predict";
import { StackFileError, StackJson } from "../terraform/stack-json";
import { FolderReplacement } from "../output/output-folder";
import { OutputRefusal } from "../output/output-refusal";
import { SNAPSHOT_LAYOUT, SNAPSHOT_SUFFIX, readSnapshot } from "../output/snapshot-folder";
import { Output, configArgument, parseCommandLine, processOutput, usageError } from "./command-line";

const USAGE = `usage: npm run --silent check -- [--config <file> | <file>] [--update] [--snapshots <folder>]

The pull-request check for a config of your own:
  1. the config and every rule pack it loads are valid (as synth checks them);
  2. every rule's evidence behaves: each CloudTrail record a pack lists under examples is
     matched (or, for near misses, not matched) by the rule's pattern — your packs'
     records live in their evidence folders;
  3. the synthesized Terraform equals the committed snapshot, one <stack>.tf.json per stack
     in <config name>.snapshot/ beside the config (--snapshots to choose another folder).
     A difference is summarized stack by stack; --update writes the snapshot, whose diff
     the pull request then shows.
  --config   deployment config (default: CIS_CONFIG or rules/default.yaml)
Exit status: 0 all good, 1 a problem (each printed, located), 2 usage.`;

export function checkCommand(argv: string[], out: Output): number {
  const parsed = parseCommandLine(argv, { config: { type: "string" }, update: { type: "boolean" }, snapshots: { type: "string" } }, USAGE, out);
  if (typeof parsed === "number") return parsed;
  const options = parsed.options as { config?: string; update?: boolean; snapshots?: string };
  const argument = configArgument(parsed.options, parsed.positionals);
  if (typeof argument === "string") return usageError(out, argument, USAGE);
  const configFile = configFileFrom(argument.config);
  let loaded: ReturnType<typeof loadConfig>;
  try {
    loaded = loadConfig(configFile);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    out.error(`${error.message}\n`);
    return 1;
  }
  const { model, catalog } = loaded;
  const stacks = synthesizeToTexts(model);
  out.write(`${display(configFile)}: ${model.accounts.length} account${model.accounts.length === 1 ? "" : "s"}, ${stacks.size} stacks\n`);

  let failed = false;
  const results = [...catalog.rules.values()].flatMap(runExamples);
  const failures = results.filter((result) => result.error !== undefined || result.matched !== result.expected);
  for (const failure of failures) out.error(`${describeFailure(failure)}\n`);
  out.write(`evidence: ${results.length - failures.length} of ${results.length} examples behave as their rules say\n`);
  failed ||= failures.length > 0;

  const folder = options.snapshots ?? join(dirname(configFile), `${basename(configFile, extname(configFile))}.snapshot`);
  try {
    if (options.update) {
      const replacement = FolderReplacement.open(folder, SNAPSHOT_LAYOUT);
      try {
        for (const [name, text] of stacks) writeFileSync(join(replacement.staging, `${name}${SNAPSHOT_SUFFIX}`), text);
        replacement.commit();
      } catch (error) {
        replacement.abandon();
        throw error;
      }
      out.write(`snapshot: wrote ${stacks.size} stacks to ${display(folder)}\n`);
    } else {
      const committed = readSnapshot(folder);
      const stale = [...new Set([...committed.keys(), ...stacks.keys()])].sort().filter((name) => committed.get(name) !== stacks.get(name));
      if (stale.length === 0) out.write(`snapshot: ${stacks.size} stacks up to date in ${display(folder)}\n`);
      else {
        failed = true;
        const changes = predictChanges(parse(committed), parse(stacks));
        for (const name of stale) {
          const change = changes.stacks.find((stack) => stack.name === name)!;
          const what = change.status === "unchanged" ? "differs in metadata only" : summary(change);
          out.error(
            `${display(join(folder, `${name}${SNAPSHOT_SUFFIX}`))}: the config now synthesizes something else (${what}); review it, then run with --update\n`,
          );
        }
      }
    }
  } catch (error) {
    if (!(error instanceof OutputRefusal || error instanceof StackFileError)) throw error;
    out.error(`error: ${error.message}\n`);
    return 1;
  }
  return failed ? 1 : 0;
}

function parse(stacks: ReadonlyMap<string, string>): Map<string, StackJson> {
  return new Map([...stacks].map(([name, text]) => [name, JSON.parse(text) as StackJson]));
}

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

if (require.main === module) process.exitCode = checkCommand(process.argv.slice(2), processOutput);
