import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import { InputRefusal, MiB } from "../input/read-text";
import { describeRefusal, readJson } from "../input/read-json";
import { DEFAULT_CONFIG, projectRoot } from "../paths";
import { Output, parseCommandLine, processOutput, usageError } from "./command-line";
import { ChangeSet } from "../review/change-set";
import { renderReview } from "../review/markdown";
import { changesFromPlan, parsePlan } from "../review/plan-input";
import { predictChanges } from "../review/predict";
import { StackFileError, StackJson, readSynthOutput } from "../terraform/stack-json";

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
(--silent keeps npm's banner out of a file: npm run --silent review -- --base main > review.md)`;

export function reviewCommand(argv: string[], out: Output): number {
  const parsed = parseCommandLine(
    argv,
    { base: { type: "string" }, config: { type: "string" }, plan: { type: "string" }, stack: { type: "string" }, synth: { type: "string" } },
    USAGE,
    out,
  );
  if (typeof parsed === "number") return parsed;
  const { positionals } = parsed;
  const options = parsed.options as { base?: string; config?: string; plan?: string; stack?: string; synth?: string };
  const temporary: string[] = [];
  const notes: string[] = [];
  try {
    if (options.plan !== undefined) {
      if (positionals.length || options.base !== undefined) throw new UsageError("--plan takes no output folders and no --base");
      const stack = options.stack ?? "plan";
      const plan = readPlan(options.plan);
      const head = options.synth ? readSynthOutput(options.synth) : undefined;
      out.write(renderReview({ stacks: [changesFromPlan(stack, plan)], newConfig: false }, { head }));
      return 0;
    }
    let base: Map<string, StackJson>;
    let head: Map<string, StackJson>;
    let newConfig = false;
    if (options.base !== undefined) {
      if (positionals.length) throw new UsageError("give either --base or two output folders");
      const config = options.config ?? (process.env.CIS_CONFIG || DEFAULT_CONFIG);
      const inCheckout = checkoutPath(config);
      const baseTree = checkout(resolveRef(options.base), temporary);
      const baseConfig = join(baseTree, inCheckout);
      newConfig = !existsSync(baseConfig);
      base = newConfig ? new Map() : readSynthOutput(synthTree(baseTree, baseConfig, temporary));
      head = readSynthOutput(synthTree(projectRoot(), join(projectRoot(), inCheckout), temporary));
      notes.push(...dependencyNotes(baseTree, options.base));
    } else {
      if (positionals.length !== 2) throw new UsageError("give two cdktf output folders, --base <git ref>, or --plan <file>");
      base = readSynthOutput(positionals[0]);
      head = readSynthOutput(positionals[1]);
    }
    const changes: ChangeSet = predictChanges(base, head, { newConfig });
    out.write(renderReview(changes, { base, head, notes }));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usageError(out, error.message, USAGE);
    if (!(error instanceof ReviewError || error instanceof StackFileError)) throw error;
    out.error(`error: ${error.message}\n`);
    return 2;
  } finally {
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  }
}

class UsageError extends Error {}

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

/**
 * The config's path inside the checkout: --base reads the base's version of that path from
 * git, so a config outside the checkout has no base version (comparing it with itself would
 * say "No changes" about any change).
 */
function checkoutPath(config: string): string {
  const root = projectRoot();
  const inCheckout = relative(root, resolve(isAbsolute(config) ? config : resolve(root, config)));
  if (inCheckout === "" || inCheckout.startsWith("..") || isAbsolute(inCheckout)) {
    throw new ReviewError(
      `--config ${config} is outside this checkout (${root}); --base compares the config as the git ref has it with the working tree's, so the config must be a file of the repository`,
    );
  }
  return inCheckout;
}

/**
 * The commit a ref names, resolved before it is used: a ref is never read as an option
 * (`--base=--output=x` would make `git archive` write a file).
 */
function resolveRef(ref: string): string {
  if (ref === "" || ref.startsWith("-") || /[\0\n]/.test(ref)) throw new ReviewError(`--base ${JSON.stringify(ref)} is not a git ref`);
  const result = spawnSync("git", ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], { cwd: projectRoot(), encoding: "utf8" });
  const commit = result.stdout.trim();
  if (result.status !== 0 || !/^[0-9a-f]{40,64}$/.test(commit)) throw new ReviewError(`--base ${ref} names no commit of this repository`);
  return commit;
}

/**
 * The files of a commit, in a temp folder. Its node_modules is a folder of its own whose
 * entries link to this checkout's packages: the base's launcher then bundles into (and its
 * code finds its project root in) the base tree, so the base is synthesized with its own
 * rule packs, scanner data and evidence, and the bundle goes with the temp folder.
 */
function checkout(commit: string, temporary: string[]): string {
  const root = projectRoot();
  const archive = spawnSync("git", ["archive", "--format=tar", commit], { cwd: root, maxBuffer: 512 * 1024 * 1024 });
  if (archive.status !== 0) throw new ReviewError(`git archive ${commit} failed: ${archive.stderr.toString().trim()}`);
  const dir = mkdtempSync(join(tmpdir(), "cis-review-base-"));
  temporary.push(dir);
  const extract = spawnSync("tar", ["-x", "-C", dir], { input: archive.stdout });
  if (extract.status !== 0) throw new ReviewError(`could not unpack ${commit}: ${extract.stderr.toString().trim()}`);
  const modules = join(dir, "node_modules");
  mkdirSync(modules);
  for (const name of readdirSync(join(root, "node_modules"))) {
    if (name !== ".cache") symlinkSync(join(root, "node_modules", name), join(modules, name));
  }
  return dir;
}

/** The base runs on this checkout's installed packages: say so when its lockfile asks for others. */
function dependencyNotes(baseTree: string, ref: string): string[] {
  const lock = (tree: string) => {
    try {
      return readFileSync(join(tree, "package-lock.json"), "utf8");
    } catch {
      return undefined;
    }
  };
  if (lock(baseTree) === lock(projectRoot())) return [];
  return [
    `The base (${ref}) pins other packages (its package-lock.json differs); it was synthesized with this checkout's installed packages, so output that depends on those versions may differ from what the base itself synthesizes.`,
  ];
}

/** Synthesizes one tree's app into a temp folder. */
function synthTree(tree: string, configPath: string, temporary: string[]): string {
  if (!existsSync(join(tree, "lib", "launcher.js"))) throw new ReviewError(`${tree} has no lib/launcher.js; the ref predates the review command`);
  const outdir = mkdtempSync(join(tmpdir(), "cis-review-out-"));
  temporary.push(outdir);
  const result = spawnSync(process.execPath, [join(tree, "lib", "launcher.js"), "main.ts"], {
    cwd: tree,
    encoding: "utf8",
    env: { ...process.env, CIS_CONFIG: configPath, CDKTF_OUTDIR: outdir, SYNTH_HCL_OUTPUT: "false" },
  });
  if (result.status !== 0)
    throw new ReviewError(`synth of ${relative(tree, configPath) || configPath} failed${tree === projectRoot() ? "" : " on the base"}:\n${result.stderr}`);
  return outdir;
}

if (require.main === module) process.exitCode = reviewCommand(process.argv.slice(2), processOutput);
