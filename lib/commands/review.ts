import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { DEFAULT_CONFIG, projectRoot } from "../paths";
import { Output, parseCommandLine, processOutput, usageError } from "./command-line";
import { reviewOutputs } from "../review/diff";
import { renderReview } from "../review/markdown";
import { readSynthOutput } from "../review/synth-output";

const USAGE = `usage: npm run review -- <old cdktf.out> <new cdktf.out>
       npm run review -- --base <git ref> [--config <file>]

Prints a Markdown summary of what a change does to the synthesized Terraform: controls
added, removed or changed (with the pattern conditions gained and lost, thresholds,
periods, actions), Access Analyzer regions, topics and subscriptions, and first of all the
resources Terraform would destroy or replace. With --base, both the given git ref and the
working tree are synthesized with the same config (default: CIS_CONFIG or ${DEFAULT_CONFIG}).`;

export function reviewCommand(argv: string[], out: Output): number {
  const parsed = parseCommandLine(argv, { base: { type: "string" }, config: { type: "string" } }, USAGE, out);
  if (typeof parsed === "number") return parsed;
  const { positionals } = parsed;
  const options = parsed.options as { base?: string; config?: string };
  try {
    let oldDir: string;
    let newDir: string;
    if (options.base !== undefined) {
      if (positionals.length) throw new UsageError("give either --base or two output folders");
      const config = options.config ?? (process.env.CIS_CONFIG || DEFAULT_CONFIG);
      oldDir = synthTree(checkout(options.base), config);
      newDir = synthTree(projectRoot(), config);
    } else {
      if (positionals.length !== 2) throw new UsageError("give two cdktf output folders, or --base <git ref>");
      [oldDir, newDir] = positionals;
    }
    out.write(renderReview(reviewOutputs(readSynthOutput(oldDir), readSynthOutput(newDir))));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usageError(out, error.message, USAGE);
    out.error(`error: ${(error as Error).message}\n`);
    return 2;
  }
}

class UsageError extends Error {}

/** The files of a git ref, in a temp folder sharing this checkout's node_modules. */
function checkout(ref: string): string {
  const root = projectRoot();
  const archive = spawnSync("git", ["archive", "--format=tar", ref], { cwd: root, maxBuffer: 512 * 1024 * 1024 });
  if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr.toString().trim()}`);
  const dir = mkdtempSync(join(tmpdir(), "cis-review-base-"));
  const extract = spawnSync("tar", ["-x", "-C", dir], { input: archive.stdout });
  if (extract.status !== 0) throw new Error(`could not unpack ${ref}: ${extract.stderr.toString().trim()}`);
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

/** Synthesizes one tree's app into a temp folder, with the config path resolved inside that tree. */
function synthTree(tree: string, config: string): string {
  if (!existsSync(join(tree, "lib", "launcher.js"))) throw new Error(`${tree} has no lib/launcher.js; the ref predates the review command`);
  const outdir = mkdtempSync(join(tmpdir(), "cis-review-out-"));
  const configPath = isAbsolute(config) ? config : resolve(tree, config);
  const result = spawnSync(process.execPath, [join(tree, "lib", "launcher.js"), "main.ts"], {
    cwd: tree,
    encoding: "utf8",
    env: { ...process.env, CIS_CONFIG: configPath, CDKTF_OUTDIR: outdir, SYNTH_HCL_OUTPUT: "false" },
  });
  if (result.status !== 0) throw new Error(`synth of ${tree} with ${config} failed:\n${result.stderr}`);
  return outdir;
}

if (require.main === module) process.exitCode = reviewCommand(process.argv.slice(2), processOutput);
