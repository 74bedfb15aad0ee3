import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import { projectRoot } from "../source/paths";

/**
 * The base side of a pull request's comparison: the commit a ref names, its files in a temp
 * folder, and what it synthesizes with its own code, packs and data. Shared by `review
 * --base` and `affected --base`.
 */

/** A refusal of the comparison's inputs: a sentence for the user. */
export class BaseTreeError extends Error {}

/**
 * The config's path inside the checkout: --base reads the base's version of that path from
 * git, so a config outside the checkout has no base version (comparing it with itself would
 * say "No changes" about any change).
 */
export function checkoutPath(config: string): string {
  const root = projectRoot();
  const inCheckout = relative(root, resolve(isAbsolute(config) ? config : resolve(root, config)));
  if (inCheckout === "" || inCheckout.startsWith("..") || isAbsolute(inCheckout)) {
    throw new BaseTreeError(
      `--config ${config} is outside this checkout (${root}); --base compares the config as the git ref has it with the working tree's, so the config must be a file of the repository`,
    );
  }
  return inCheckout;
}

/**
 * The commit a ref names, resolved before it is used: a ref is never read as an option
 * (`--base=--output=x` would make `git archive` write a file).
 */
export function resolveRef(ref: string): string {
  if (ref === "" || ref.startsWith("-") || /[\0\n]/.test(ref)) throw new BaseTreeError(`--base ${JSON.stringify(ref)} is not a git ref`);
  const result = spawnSync("git", ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], { cwd: projectRoot(), encoding: "utf8" });
  const commit = result.stdout.trim();
  if (result.status !== 0 || !/^[0-9a-f]{40,64}$/.test(commit)) throw new BaseTreeError(`--base ${ref} names no commit of this repository`);
  return commit;
}

/**
 * The files of a commit, in a temp folder. Its node_modules is a folder of its own whose
 * entries link to this checkout's packages: the base's launcher then bundles into (and its
 * code finds its project root in) the base tree, so the base is synthesized with its own
 * rule packs, scanner data and evidence, and the bundle goes with the temp folder.
 */
export function checkout(commit: string, temporary: string[]): string {
  const root = projectRoot();
  const archive = spawnSync("git", ["archive", "--format=tar", commit], { cwd: root, maxBuffer: 512 * 1024 * 1024 });
  if (archive.status !== 0) throw new BaseTreeError(`git archive ${commit} failed: ${archive.stderr.toString().trim()}`);
  const dir = mkdtempSync(join(tmpdir(), "cis-review-base-"));
  temporary.push(dir);
  const extract = spawnSync("tar", ["-x", "-C", dir], { input: archive.stdout });
  if (extract.status !== 0) throw new BaseTreeError(`could not unpack ${commit}: ${extract.stderr.toString().trim()}`);
  const modules = join(dir, "node_modules");
  mkdirSync(modules);
  for (const name of readdirSync(join(root, "node_modules"))) {
    if (name !== ".cache") symlinkSync(join(root, "node_modules", name), join(modules, name));
  }
  return dir;
}

/** The base runs on this checkout's installed packages: say so when its lockfile asks for others. */
export function dependencyNotes(baseTree: string, ref: string): string[] {
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

/** Where a tree keeps its launcher: tools/ now, lib/ in commits before the tools moved out of lib/. */
const LAUNCHERS = ["tools/launcher.js", "lib/launcher.js"];

/** Synthesizes one tree's app into a temp folder. */
export function synthTree(tree: string, configPath: string, temporary: string[]): string {
  const launcher = LAUNCHERS.map((path) => join(tree, path)).find((path) => existsSync(path));
  if (!launcher) throw new BaseTreeError(`${tree} has no ${LAUNCHERS[0]}; the ref predates the review command`);
  const outdir = mkdtempSync(join(tmpdir(), "cis-review-out-"));
  temporary.push(outdir);
  const result = spawnSync(process.execPath, [launcher, "main.ts"], {
    cwd: tree,
    encoding: "utf8",
    env: { ...process.env, CIS_CONFIG: configPath, CDKTF_OUTDIR: outdir, SYNTH_HCL_OUTPUT: "false" },
  });
  if (result.status !== 0)
    throw new BaseTreeError(`synth of ${relative(tree, configPath) || configPath} failed${tree === projectRoot() ? "" : " on the base"}:\n${result.stderr}`);
  return outdir;
}
