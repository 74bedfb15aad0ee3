import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import { DEFAULT_CONFIG, projectRoot } from "../paths";
import { Output, parseCommandLine, processOutput, usageError } from "./command-line";
import { ChangeSet } from "../review/change-set";
import { renderReview } from "../review/markdown";
import { PlanJson, changesFromPlan } from "../review/plan-input";
import { predictChanges } from "../review/predict";
import { StackJson, readSynthOutput } from "../review/stack-json";

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
  try {
    if (options.plan !== undefined) {
      if (positionals.length || options.base !== undefined) throw new UsageError("--plan takes no output folders and no --base");
      const stack = options.stack ?? "plan";
      const plan = JSON.parse(readFileSync(options.plan, "utf8")) as PlanJson;
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
      const baseTree = checkout(options.base, temporary);
      const baseConfig = configIn(baseTree, config);
      newConfig = !existsSync(baseConfig);
      base = newConfig ? new Map() : readSynthOutput(synthTree(baseTree, baseConfig, temporary));
      head = readSynthOutput(synthTree(projectRoot(), configIn(projectRoot(), config), temporary));
    } else {
      if (positionals.length !== 2) throw new UsageError("give two cdktf output folders, --base <git ref>, or --plan <file>");
      base = readSynthOutput(positionals[0]);
      head = readSynthOutput(positionals[1]);
    }
    const changes: ChangeSet = predictChanges(base, head, { newConfig });
    out.write(renderReview(changes, { base, head }));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usageError(out, error.message, USAGE);
    out.error(`error: ${(error as Error).message}\n`);
    return 2;
  } finally {
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  }
}

class UsageError extends Error {}

/** The config's path inside a tree: an absolute path as given, a relative one from the tree's root. */
function configIn(tree: string, config: string): string {
  if (!isAbsolute(config)) return resolve(tree, config);
  const inProject = relative(projectRoot(), config);
  return inProject.startsWith("..") ? config : resolve(tree, inProject);
}

/** The files of a git ref, in a temp folder sharing this checkout's node_modules. */
function checkout(ref: string, temporary: string[]): string {
  const root = projectRoot();
  const archive = spawnSync("git", ["archive", "--format=tar", ref], { cwd: root, maxBuffer: 512 * 1024 * 1024 });
  if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr.toString().trim()}`);
  const dir = mkdtempSync(join(tmpdir(), "cis-review-base-"));
  temporary.push(dir);
  const extract = spawnSync("tar", ["-x", "-C", dir], { input: archive.stdout });
  if (extract.status !== 0) throw new Error(`could not unpack ${ref}: ${extract.stderr.toString().trim()}`);
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

/** Synthesizes one tree's app into a temp folder. */
function synthTree(tree: string, configPath: string, temporary: string[]): string {
  if (!existsSync(join(tree, "lib", "launcher.js"))) throw new Error(`${tree} has no lib/launcher.js; the ref predates the review command`);
  const outdir = mkdtempSync(join(tmpdir(), "cis-review-out-"));
  temporary.push(outdir);
  const result = spawnSync(process.execPath, [join(tree, "lib", "launcher.js"), "main.ts"], {
    cwd: tree,
    encoding: "utf8",
    env: { ...process.env, CIS_CONFIG: configPath, CDKTF_OUTDIR: outdir, SYNTH_HCL_OUTPUT: "false" },
  });
  if (result.status !== 0)
    throw new Error(`synth of ${relative(tree, configPath) || configPath} failed${tree === projectRoot() ? "" : " on the base"}:\n${result.stderr}`);
  return outdir;
}

if (require.main === module) process.exitCode = reviewCommand(process.argv.slice(2), processOutput);
