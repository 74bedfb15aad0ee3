import { rmSync } from "node:fs";
import { InputRefusal, MiB } from "../source/read-text";
import { describeRefusal, readJson } from "../source/read-json";
import { DEFAULT_CONFIG } from "../source/paths";
import { BaseTreeError } from "../review/base-tree";
import { Comparison, compareWithBase } from "../review/compare-with-base";
import { Output, maxCharsOption, parseCommandLine, processOutput, usageError } from "./command-line";
import { ChangeSet, StackChange } from "../review/change-set";
import { renderReview, renderReviewWithin } from "../review/markdown";
import { changesFromPlan, parsePlan } from "../review/plan-input";
import { predictChanges } from "../review/predict";
import { StackFileError, StackJson, readSynthOutput } from "../terraform/stack-json";
import { InvalidInputError } from "../source/problems";

/** `terraform show -json` of one stack's plan: a large organization's central stack plans to tens of MB. */
const MAX_PLAN_BYTES = 256 * MiB;
const MAX_PLAN_DEPTH = 64;

const USAGE = `usage: npm run --silent review -- --base <git ref> [--config <file>]
       npm run --silent review -- <old cdktf.out> <new cdktf.out>
       npm run --silent review -- --plan <terraform show -json file> [--stack <name>] [--synth <cdktf.out>]

Prints Markdown for a pull request: what terraform will do to each stack, in the config's
terms (rules with their pattern, metric, alarm and topic; topics; Access Analyzer regions),
with whatever is destroyed, replaced, orphaned or forgotten first. The prediction follows
terraform's rules (moved, removed and import blocks, arguments that force replacement,
default tags, references); the test suite checks it against real plans.
  --base    synthesize the given git ref and the working tree with the same config
            (default: CIS_CONFIG or ${DEFAULT_CONFIG}); a config the ref does not have is new
  --plan    summarize a real plan instead (CI with credentials): terraform show -json <planfile>;
            --synth names the synth output that says which rule, topic or region each resource is
  --max-chars  at most this many characters (65536 for a GitHub comment): a longer review
            is condensed to what needs attention and one line per changed stack
(--silent keeps npm's banner out of a file: npm run --silent review -- --base main > review.md)`;

export function reviewCommand(argv: string[], out: Output): number {
  const parsed = parseCommandLine(
    argv,
    {
      base: { type: "string" },
      config: { type: "string" },
      plan: { type: "string" },
      stack: { type: "string" },
      synth: { type: "string" },
      "max-chars": { type: "string" },
    },
    USAGE,
    out,
  );
  if (typeof parsed === "number") return parsed;
  const { positionals } = parsed;
  const options = parsed.options as { base?: string; config?: string; plan?: string; stack?: string; synth?: string; "max-chars"?: string };
  const maxChars = maxCharsOption(options["max-chars"]);
  if (typeof maxChars === "object") return usageError(out, maxChars.error, USAGE);
  const render = (changes: ChangeSet, sources: Parameters<typeof renderReview>[1]) =>
    maxChars === undefined
      ? renderReview(changes, sources)
      : renderReviewWithin(changes, sources ?? {}, maxChars, "The full review is in the job summary of this pull request's CI run");
  const temporary: string[] = [];
  const notes: string[] = [];
  try {
    if (options.plan !== undefined) {
      if (positionals.length || options.base !== undefined) throw new UsageError("--plan takes no output folders and no --base");
      const stack = options.stack ?? "plan";
      const plan = readPlan(options.plan);
      const head = options.synth ? readSynthOutput(options.synth) : undefined;
      out.write(render({ stacks: [changesFromPlan(stack, plan)], newConfig: false }, { head }));
      return 0;
    }
    if (options.base !== undefined) {
      if (positionals.length) throw new UsageError("give either --base or two output folders");
      const config = options.config ?? (process.env.CIS_CONFIG || DEFAULT_CONFIG);
      const comparison = compareWithBase(options.base, config, temporary);
      out.write(reviewOf(comparison, render));
      return 0;
    }
    if (positionals.length !== 2) throw new UsageError("give two cdktf output folders, --base <git ref>, or --plan <file>");
    const base = readSynthOutput(positionals[0]);
    const head = readSynthOutput(positionals[1]);
    const changes: ChangeSet = predictChanges(base, head);
    out.write(render(changes, { base, head, notes }));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usageError(out, error.message, USAGE);
    if (error instanceof InvalidInputError) {
      out.error(`error: the config does not load:\n${error.message}\n`);
      return 2;
    }
    if (!(error instanceof ReviewError || error instanceof StackFileError || error instanceof BaseTreeError)) throw error;
    out.error(`error: ${error.message}\n`);
    return 2;
  } finally {
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  }
}

class UsageError extends Error {}

/** The review of a comparison with the base: its differing stacks predicted, the others unchanged. */
function reviewOf(comparison: Comparison, render: (changes: ChangeSet, sources: Parameters<typeof renderReview>[1]) => string): string {
  const parse = (texts: ReadonlyMap<string, string>) => new Map([...texts].map(([name, text]) => [name, JSON.parse(text) as StackJson]));
  const base = parse(comparison.base);
  const head = parse(comparison.head);
  const predicted = predictChanges(base, head, { newConfig: comparison.newConfig });
  const unchanged: StackChange[] = comparison.unchanged.map((name) => ({
    name,
    status: "unchanged",
    resources: [],
    orphaned: [],
    providers: [],
    blockers: [],
  }));
  const stacks = [...predicted.stacks, ...unchanged].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return render({ stacks, newConfig: comparison.newConfig }, { base, head, notes: comparison.notes });
}

/** A refusal of the review's inputs: a sentence, exit status 2. */
class ReviewError extends Error {}

function readPlan(file: string) {
  try {
    return parsePlan(readJson(file, MAX_PLAN_BYTES, MAX_PLAN_DEPTH));
  } catch (error) {
    if (error instanceof InputRefusal) throw new ReviewError(describeRefusal(file, error));
    throw error;
  }
}

if (require.main === module) process.exitCode = reviewCommand(process.argv.slice(2), processOutput);
