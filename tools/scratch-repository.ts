import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../lib/source/paths";

/** What a platform repository copies of this checkout: the code, packs, data and what runs them. */
const PROJECT_ENTRIES = ["lib", "tools", "rules", "docs", "main.ts", "package.json", "package-lock.json", "cdktf.json", "tsconfig.json"];

/**
 * A platform repository of its own, for a test or the bench: a copy of this checkout
 * committed once with `files` beside the code, its node_modules a link to this checkout's
 * (as a CI workspace that restores a cache has it).
 */
export class ScratchRepository {
  readonly dir = mkdtempSync(join(tmpdir(), "cis-repo-"));

  constructor(files: Record<string, string>) {
    const root = projectRoot();
    for (const entry of PROJECT_ENTRIES) cpSync(join(root, entry), join(this.dir, entry), { recursive: true });
    symlinkSync(join(root, "node_modules"), join(this.dir, "node_modules"), "dir");
    writeFileSync(join(this.dir, ".gitignore"), "node_modules\ncdktf.out\n");
    this.git("init", "-q");
    this.commit(files, "base");
  }

  write(files: Record<string, string>): void {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(this.dir, name), text);
  }

  commit(files: Record<string, string>, message: string): string {
    this.write(files);
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
    return this.git("rev-parse", "HEAD").trim();
  }

  git(...args: string[]): string {
    const result = spawnSync("git", args, {
      cwd: this.dir,
      encoding: "utf8",
      env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" },
    });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  }

  /** Runs a project command the way the repository's CI would: `node tools/launcher.js <entry> args`. */
  run(entry: string, args: string[], env: Record<string, string> = {}) {
    const result = spawnSync(process.execPath, ["tools/launcher.js", entry, ...args], {
      cwd: this.dir,
      encoding: "utf8",
      env: { ...process.env, ...env },
      // A 1,000-account matrix is more than spawnSync's default 1 MiB of output.
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** Removes the repository and the bundles its launcher left in this checkout's node_modules (a link). */
  remove(): void {
    const cache = createHash("sha1").update(this.dir).digest("hex").slice(0, 12);
    rmSync(join(projectRoot(), "node_modules", ".cache", "cis-baseline", cache), { recursive: true, force: true });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
