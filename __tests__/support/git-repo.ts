import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./synth";

/**
 * A platform repository of its own for a test: a copy of this checkout (code, packs, data)
 * committed once, with its node_modules a link to this checkout's (as a CI workspace that
 * restores a cache has it). `files` go in beside the code, committed too.
 */
export class TestRepository {
  readonly dir: string;

  constructor(files: Record<string, string>) {
    this.dir = mkdtempSync(join(tmpdir(), "cis-repo-"));
    for (const entry of ["lib", "rules", "main.ts", "package.json", "package-lock.json", "cdktf.json", "tsconfig.json"]) {
      cpSync(join(ROOT, entry), join(this.dir, entry), { recursive: true });
    }
    symlinkSync(join(ROOT, "node_modules"), join(this.dir, "node_modules"), "dir");
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

  /** Runs a project command the way the repository's CI would: `node lib/launcher.js <entry> args`. */
  run(entry: string, args: string[], env: Record<string, string> = {}) {
    const result = spawnSync(process.execPath, ["lib/launcher.js", entry, ...args], {
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
    rmSync(join(ROOT, "node_modules", ".cache", "cis-baseline", createHash("sha1").update(this.dir).digest("hex").slice(0, 12)), {
      recursive: true,
      force: true,
    });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
