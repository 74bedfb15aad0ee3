import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../support/synth";

jest.setTimeout(120_000);

/**
 * `review --base <ref>` in a repository of its own: a copy of this checkout committed once,
 * whose node_modules is a link to this checkout's (as in a CI workspace that restores a
 * cache). Pull-request changes are made in its working tree; the review must see them.
 */
function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), "cis-review-repo-"));
  for (const entry of ["lib", "rules", "main.ts", "package.json", "package-lock.json", "cdktf.json", "tsconfig.json"])
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  writeFileSync(
    join(dir, "rules", "org.yaml"),
    [
      "defaults:",
      "  rules: { enable: [pack:cis] }",
      "  log_group: { lookup: false }",
      "  regions: [us-east-1]",
      "  topics:",
      "    alerts:",
      "      severities: [critical, high, medium, low, informational]",
      "      subscriptions: [{ protocol: email, endpoint: security@example.com }]",
      "accounts:",
      '  - { name: main, id: "123456789012", region: us-east-1 }',
      "",
    ].join("\n"),
  );
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  const git = (...args: string[]) => {
    const result = spawnSync("git", args, {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" },
    });
    if (result.status !== 0) throw new Error(result.stderr);
  };
  git("init", "-q");
  writeFileSync(join(dir, ".gitignore"), "node_modules\n");
  git("add", "-A");
  git("commit", "-q", "-m", "base");
  return dir;
}

function review(repo: string, args: string[]) {
  const result = spawnSync(process.execPath, ["lib/launcher.js", "lib/commands/review.ts", ...args], { cwd: repo, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("review --base reads the base entirely from the base", () => {
  const repo = repository();
  const pack = join(repo, "rules", "packs", "cis.yaml");
  const original = readFileSync(pack, "utf8");
  afterEach(() => writeFileSync(pack, original));
  // The repository's own bundles go to this checkout's node_modules (it is a link): remove them.
  afterAll(() =>
    rmSync(join(ROOT, "node_modules", ".cache", "cis-baseline", createHash("sha1").update(repo).digest("hex").slice(0, 12)), { recursive: true, force: true }),
  );

  test("a pattern weakened in the working tree's rule pack is a change, named by the condition it loses", () => {
    writeFileSync(pack, original.replace(" || ($.eventName=StopLogging)}'", "}'"));
    const result = review(repo, ["--base", "HEAD", "--config", "rules/org.yaml"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("- **changed** `cloudtrail-changes` CloudTrail configuration changes");
    expect(result.stdout).toContain('  - pattern − `$.eventName = "StopLogging"`');
    expect(result.stdout).not.toContain("No changes");
  });

  test("a rule deleted from the working tree's pack is destroyed", () => {
    const start = original.indexOf("  - id: vpc-changes");
    const end = original.indexOf("  - id: organizations-changes");
    writeFileSync(pack, original.slice(0, start) + original.slice(end));
    const result = review(repo, ["--base", "HEAD", "--config", "rules/org.yaml"]);
    expect(result.stdout).toContain("- `main`: **destroyed** `aws_cloudwatch_metric_alarm.vpc_changes` (rule `vpc-changes`)");
    expect(result.stdout).toContain("- **removed (destroyed)** `vpc-changes`");
  });

  test("the base's bundle lives and dies with the base's temp tree: nothing is left in node_modules/.cache", () => {
    const cache = join(ROOT, "node_modules", ".cache", "cis-baseline");
    const before = existsSync(cache) ? readdirSync(cache).length : 0;
    expect(review(repo, ["--base", "HEAD", "--config", "rules/org.yaml"]).status).toBe(0);
    // One bundle folder for the repository itself (its head), none for the base's temp tree.
    expect(readdirSync(cache).length).toBeLessThanOrEqual(before + 1);
  });

  test("a config outside the checkout is refused: it has no base version to compare with", () => {
    const outside = join(mkdtempSync(join(tmpdir(), "cis-outside-")), "org.yaml");
    writeFileSync(outside, readFileSync(join(repo, "rules", "org.yaml")));
    const result = review(repo, ["--base", "HEAD", "--config", outside]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--config ${outside} is outside this checkout`);
    expect(result.stdout).toBe("");
  });

  test("a ref is never an option: --base=--output=<file> is refused and the file untouched", () => {
    const file = join(mkdtempSync(join(tmpdir(), "cis-victim-")), "keep.txt");
    writeFileSync(file, "precious");
    for (const ref of [`--output=${file}`, "-o", "HEAD --output=x"]) {
      const result = review(repo, [`--base=${ref}`, "--config", "rules/org.yaml"]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/is not a git ref|names no commit/);
    }
    expect(readFileSync(file, "utf8")).toBe("precious");
  });
});
