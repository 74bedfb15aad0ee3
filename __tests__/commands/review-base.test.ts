import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../support/synth";
import { ScratchRepository } from "../../tools/scratch-repository";

jest.setTimeout(120_000);

const ORG = [
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
].join("\n");

describe("review --base reads the base entirely from the base", () => {
  const repository = new ScratchRepository({ "rules/org.yaml": ORG });
  const repo = repository.dir;
  const pack = join(repo, "rules", "packs", "cis.yaml");
  const original = readFileSync(pack, "utf8");
  afterEach(() => writeFileSync(pack, original));
  afterAll(() => repository.remove());
  const review = (_: string, args: string[]) => repository.run("lib/commands/review.ts", args);

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

  test("when only the config changed, only its changed accounts are synthesized, and the review says the same as a full comparison", () => {
    const config = join(repo, "rules", "org.yaml");
    writeFileSync(config, `${ORG}  - { name: second, id: "210987654321", region: us-east-1 }\n`);
    repository.commit({}, "two accounts");
    writeFileSync(
      config,
      readFileSync(config, "utf8").replace("regions: [us-east-1]", "regions: [us-east-1]\n  overrides: { vpc-changes: { alarm: { period: 60 } } }"),
    );
    const fast = review(repo, ["--base", "HEAD", "--config", "rules/org.yaml"]);
    expect(fast.stdout).toContain("> Only the config changed: the 2 accounts whose settings differ were synthesized");
    // The same comparison from two full synth outputs.
    const synth = (outdir: string) => expect(repository.run("main.ts", [], { CIS_CONFIG: config, CDKTF_OUTDIR: outdir }).status).toBe(0);
    const after = join(mkdtempSync(join(tmpdir(), "cis-after-")), "out");
    synth(after);
    const before = join(mkdtempSync(join(tmpdir(), "cis-before-")), "out");
    const head = readFileSync(config, "utf8");
    repository.git("checkout", "-q", "--", "rules/org.yaml");
    synth(before);
    writeFileSync(config, head);
    const full = review(repo, [before, after]);
    expect(fast.stdout.replace(/^> Only the config changed.*\n\n/m, "")).toBe(full.stdout);
    expect(full.stdout).toContain("- **changed** `vpc-changes`");
    repository.git("checkout", "-q", "--", "rules/org.yaml");
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
