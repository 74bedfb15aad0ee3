import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reviewCommand } from "../../lib/commands/review";
import { runEntry } from "../support/run";
import { MINIMAL, tempFiles } from "../support/temp-config";

function synthOutput(config: string): string {
  const dir = tempFiles({ "config.yaml": config });
  const outdir = mkdtempSync(join(tmpdir(), "cis-review-test-"));
  const result = runEntry("main.ts", [], { CIS_CONFIG: join(dir, "config.yaml"), CDKTF_OUTDIR: outdir });
  if (result.status !== 0) throw new Error(result.stderr);
  return outdir;
}

function review(args: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const status = reviewCommand(args, { write: (text) => (stdout += text), error: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

const BASE = MINIMAL.replace("  log_group:", "  rules: { enable: [vpc-changes, root-account-usage, cloudtrail-changes] }\n  regions: [us-east-1, eu-west-1]\n  log_group:");

describe("npm run review", () => {
  const before = synthOutput(BASE);

  test("no changes", () => {
    expect(review([before, synthOutput(BASE)]).stdout).toBe("# CIS baseline review\n\nNo changes in 1 stack.\n");
  });

  test("controls added, removed and changed, with the pattern conditions gained and lost", () => {
    const after = synthOutput(
      BASE.replace("[vpc-changes, root-account-usage, cloudtrail-changes]", "[root-account-usage, cloudtrail-changes, seed-iam-policy-change]")
        .replace("  log_group:", "  overrides:\n    root-account-usage: { alarm: { period: 60 } }\n  log_group:"),
    );
    const { stdout, status } = review([before, after]);
    expect(status).toBe(0);
    expect(stdout).toContain("| `seed_iam_policy_change` | added | alarm `cis-seed-iam-policy-change` |");
    expect(stdout).toContain("| `vpc_changes` | removed | alarm `cis-vpc-changes` |");
    expect(stdout).toContain("| `root_account_usage` | changed | period: `300` -> `60` |");
    expect(stdout).toContain("- `main`: **destroyed** `aws_cloudwatch_metric_alarm.vpc_changes`");
  });

  test("a changed pattern lists the conditions it gains and loses", () => {
    const packs = { "custom.yaml": "pack: custom\nrules:\n  - { id: my-rule, title: t, severity: low, description: d, metric_name: M, pattern: 'PATTERN' }\n" };
    const config = (pattern: string) => {
      const dir = tempFiles({ "config.yaml": `rule_packs: [custom.yaml]\n${BASE.replace("[vpc-changes, root-account-usage, cloudtrail-changes]", "[my-rule]")}`, "custom.yaml": packs["custom.yaml"].replace("PATTERN", pattern) });
      const outdir = mkdtempSync(join(tmpdir(), "cis-review-test-"));
      expect(runEntry("main.ts", [], { CIS_CONFIG: join(dir, "config.yaml"), CDKTF_OUTDIR: outdir }).status).toBe(0);
      return outdir;
    };
    const { stdout } = review([config("{ ($.eventName = CreateRoute) || ($.eventName = DeleteRoute) }"), config('{($.eventName="CreateRoute")||($.eventName="CreateRouteTable")}')]);
    expect(stdout).toContain('| `my_rule` | changed | pattern + `$.eventName = "CreateRouteTable"`<br>pattern - `$.eventName = "DeleteRoute"` |');
  });

  test("replacements are flagged first: a renamed topic, and the subscriptions that go with it", () => {
    const after = synthOutput(BASE.replace("    alerts:\n", "    alerts:\n      name: cis-security\n"));
    const { stdout } = review([before, after]);
    const [danger] = stdout.split("## Stack");
    expect(danger).toContain("- `main`: **replaced** `aws_sns_topic.alerts` (name: `cis-alerts` -> `cis-security`)");
    expect(danger).toMatch(/- `main`: \*\*replaced\*\* `aws_sns_topic_subscription\.alerts_email_sec_example_com_\w+` \(topic_arn \(its target is replaced\)\)/);
    expect(danger).toContain("**replaced** `aws_sns_topic_policy.alerts` (arn (its target is replaced))");
  });

  test("a moved block turns a rename into a move, not a replacement", () => {
    const after = synthOutput(BASE.replace("    alerts:\n", "    security:\n      moved_from: alerts\n").replace("name: main", "name: main"));
    const { stdout } = review([before, after]);
    expect(stdout).not.toContain("**destroyed**");
    expect(stdout).toContain("- changed `aws_sns_topic.security`: moved from `aws_sns_topic.alerts`; name: `cis-alerts` -> `cis-security`");
  });

  test("Access Analyzer regions and state location", () => {
    const after = synthOutput(`backend:\n  s3: { bucket: example-state, region: us-east-1 }\n${BASE.replace("regions: [us-east-1, eu-west-1]", "regions: [us-east-1, eu-south-1]")}`);
    const { stdout } = review([before, after]);
    expect(stdout).toContain("### Access Analyzer regions\n\n- added: `eu_south_1`\n- removed: `eu_west_1`");
    expect(stdout).toContain("**state moves**: backend");
  });

  test("usage errors", () => {
    expect(review([]).status).toBe(2);
    expect(review(["/nonexistent", before]).stderr).toContain("/nonexistent has no stacks/ folder");
  });

  test("--base HEAD compares a git ref with the working tree, through the launcher", () => {
    const result = runEntry("lib/commands/review.ts", ["--base", "HEAD", "--config", "rules/examples/seed-000-002.yaml"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^# CIS baseline review\n/);
  });
});
