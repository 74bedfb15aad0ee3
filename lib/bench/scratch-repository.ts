import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../paths";

/**
 * A platform repository for the bench to review pull requests in: this checkout's code,
 * packs and a config, committed once, node_modules linked (as a CI cache restores it).
 */
export class ScratchRepository {
  readonly dir = mkdtempSync(join(tmpdir(), "cis-bench-repo-"));

  constructor(config: string) {
    const root = projectRoot();
    for (const entry of ["lib", "rules", "main.ts", "package.json", "package-lock.json", "cdktf.json", "tsconfig.json"]) {
      cpSync(join(root, entry), join(this.dir, entry), { recursive: true });
    }
    symlinkSync(join(root, "node_modules"), join(this.dir, "node_modules"), "dir");
    writeFileSync(join(this.dir, ".gitignore"), "node_modules\ncdktf.out\n");
    writeFileSync(join(this.dir, "config.yaml"), config);
    this.git("init", "-q");
    this.git("add", "-A");
    this.git("commit", "-q", "-m", "base");
  }

  write(name: string, text: string): void {
    writeFileSync(join(this.dir, name), text);
  }

  git(...args: string[]): void {
    const result = spawnSync("git", args, {
      cwd: this.dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "bench",
        GIT_AUTHOR_EMAIL: "bench@example.com",
        GIT_COMMITTER_NAME: "bench",
        GIT_COMMITTER_EMAIL: "bench@example.com",
      },
    });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  }

  /** Removes the repository and the bundles the launcher built for it in the linked node_modules. */
  remove(): void {
    const cache = createHash("sha1").update(this.dir).digest("hex").slice(0, 12);
    rmSync(join(projectRoot(), "node_modules", ".cache", "cis-baseline", cache), { recursive: true, force: true });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
