import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../config/load-config";
import { AccountModel, Model } from "../model/model";
import { stacksOf } from "../model/stack-names";
import { projectRoot } from "../source/paths";
import { synthesizeToTexts } from "../synth/synth-stacks";
import { readSynthOutputTexts } from "../terraform/stack-json";
import { BaseTreeError, checkout, checkoutPath, dependencyNotes, resolveRef, synthTree } from "./base-tree";

/**
 * What a pull request changes in the synthesized Terraform: the stacks whose JSON differs
 * between a git ref and the working tree (new and removed stacks included), each side's
 * text for those, and the names of the stacks that are byte for byte the same.
 *
 * When the pull request changes nothing but the config file (the everyday case in a
 * platform repo), both sides run the same code, so a stack can only differ if the
 * account it belongs to does: both configs are loaded with this checkout's code, and only
 * the accounts whose model differs are synthesized, on both sides. Otherwise each side is
 * synthesized whole, the base with its own code, packs and data.
 */
export interface Comparison {
  /** Stacks that differ or exist on one side only: name -> JSON text. */
  readonly base: ReadonlyMap<string, string>;
  readonly head: ReadonlyMap<string, string>;
  /** Stacks whose JSON is the same on both sides (not necessarily synthesized). */
  readonly unchanged: readonly string[];
  /** The base has no such config: its first pull request. */
  readonly newConfig: boolean;
  /** How the comparison was made, for the reader. */
  readonly notes: readonly string[];
  /** Only the config changed, and only the accounts that changed were synthesized. */
  readonly configOnly: boolean;
}

export function compareWithBase(ref: string, config: string, temporary: string[]): Comparison {
  const inCheckout = checkoutPath(config);
  const commit = resolveRef(ref);
  const root = projectRoot();
  const headConfig = join(root, inCheckout);
  const baseText = fileAt(commit, inCheckout);
  if (baseText === undefined) {
    const head = synthesizeWhole(root, headConfig, temporary);
    return { base: new Map(), head, unchanged: [], newConfig: true, notes: [], configOnly: false };
  }
  if (onlyChanged(commit, inCheckout)) return compareAccounts(loadConfig(headConfig, root, { text: baseText }).model, loadConfig(headConfig).model);
  const baseTree = checkout(commit, temporary);
  const base = synthesizeWhole(baseTree, join(baseTree, inCheckout), temporary);
  const head = synthesizeWhole(root, headConfig, temporary);
  return { ...splitByChange(base, head), newConfig: false, notes: dependencyNotes(baseTree, ref), configOnly: false };
}

/** Same code on both sides: only the accounts whose model differs are synthesized. */
export function compareAccounts(baseModel: Model, headModel: Model): Comparison {
  const sameBackend = JSON.stringify(baseModel.backend) === JSON.stringify(headModel.backend);
  const baseAccounts = new Map(baseModel.accounts.map((account) => [account.name, account]));
  const headAccounts = new Map(headModel.accounts.map((account) => [account.name, account]));
  const changed = (name: string) => {
    const before = baseAccounts.get(name);
    const after = headAccounts.get(name);
    return !sameBackend || !before || !after || modelKey(before) !== modelKey(after);
  };
  const names = [...new Set([...baseAccounts.keys(), ...headAccounts.keys()])];
  const stale = names.filter(changed);
  const synth = (model: Model) => synthesizeToTexts({ ...model, accounts: model.accounts.filter((account) => stale.includes(account.name)) });
  const split = splitByChange(synth(baseModel), synth(headModel));
  const untouched = names.filter((name) => !stale.includes(name)).flatMap((name) => stacksOf(headAccounts.get(name)!.stacks));
  return {
    base: split.base,
    head: split.head,
    unchanged: [...split.unchanged, ...untouched].sort(),
    newConfig: false,
    notes: [
      `Only the config changed: the ${count(stale.length, "account")} whose settings differ ${stale.length === 1 ? "was" : "were"} synthesized on both sides, the other ${count(names.length - stale.length, "account")} not at all (the same code makes the same stacks).`,
    ],
    configOnly: true,
  };
}

/**
 * An account's model as its stacks see it: everything but where values were written (file,
 * line and column, which an edit elsewhere in the file moves) and the evidence records
 * (which only `check` reads).
 */
function modelKey(account: AccountModel): string {
  return JSON.stringify(account, (key, value: unknown) => {
    if (key === "examples") return undefined;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const keys = Object.keys(value).sort().join();
      if (keys === "column,field,file,line") return undefined;
    }
    return value;
  });
}

function splitByChange(base: ReadonlyMap<string, string>, head: ReadonlyMap<string, string>) {
  const unchanged: string[] = [];
  const differingBase = new Map<string, string>();
  const differingHead = new Map<string, string>();
  for (const name of new Set([...base.keys(), ...head.keys()])) {
    const before = base.get(name);
    const after = head.get(name);
    if (before !== undefined && before === after) unchanged.push(name);
    else {
      if (before !== undefined) differingBase.set(name, before);
      if (after !== undefined) differingHead.set(name, after);
    }
  }
  return { base: differingBase, head: differingHead, unchanged };
}

function synthesizeWhole(tree: string, configPath: string, temporary: string[]): Map<string, string> {
  return readSynthOutputTexts(synthTree(tree, configPath, temporary));
}

/** The config's text at the commit, or undefined when the commit has no such file. */
function fileAt(commit: string, path: string): string | undefined {
  const result = spawnSync("git", ["show", `${commit}:${path}`], { cwd: projectRoot(), maxBuffer: 16 * 1024 * 1024 });
  return result.status === 0 ? result.stdout.toString("utf8") : undefined;
}

/**
 * True when the working tree differs from the commit in `path` alone: no tracked file
 * besides it changed, and there is no untracked file (a new pack or a changed tool would be).
 */
function onlyChanged(commit: string, path: string): boolean {
  const root = projectRoot();
  const diff = spawnSync("git", ["diff", "--name-only", "--no-renames", commit, "--"], { cwd: root, encoding: "utf8" });
  if (diff.status !== 0) return false;
  const changed = diff.stdout.split("\n").filter(Boolean);
  if (changed.some((file) => file !== path)) return false;
  const untracked = spawnSync("git", ["ls-files", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
  if (untracked.status !== 0 || untracked.stdout.trim() !== "") return false;
  if (!existsSync(join(root, path))) throw new BaseTreeError(`${path} is not in the working tree`);
  return true;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
