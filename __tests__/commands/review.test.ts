import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reviewCommand } from "../../lib/commands/review";
import { runEntry } from "../support/run";
import { MINIMAL, tempFiles } from "../support/temp-config";
import { ROOT } from "../support/synth";

function synthOutput(config: string, extra: Record<string, string> = {}): string {
  const dir = tempFiles({ "config.yaml": config, ...extra });
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

const BASE = MINIMAL.replace(
  "  log_group:",
  "  rules: { enable: [vpc-changes, root-account-usage, cloudtrail-changes] }\n  regions: [us-east-1, eu-west-1]\n  tags: { Owner: platform-team }\n  log_group:",
);

/**
 * The review in the reader's terms. Whether its verdicts equal terraform's plans is the day-2
 * matrix's job (__tests__/terraform/day2-*.test.ts); these check what it says and how.
 */
describe("npm run review", () => {
  const before = synthOutput(BASE);

  test("no changes", () => {
    expect(review([before, synthOutput(BASE)]).stdout).toBe("# CIS baseline review\n\nNo changes in 2 stacks: terraform will plan nothing.\n");
  });

  test("an added rule shows its id, title, severity, references, pattern, metric, alarm and topic", () => {
    const { stdout, status } = review([before, synthOutput(BASE.replace("cloudtrail-changes]", "cloudtrail-changes, nacl-changes]"))]);
    expect(status).toBe(0);
    expect(stdout).toContain("`main` (2 to add); 1 stack unchanged.");
    expect(stdout).toContain("- **added** `nacl-changes` Network ACL changes (medium; CloudWatch.11, CIS v1.2.0 3.11, CIS v1.4.0 4.11)");
    expect(stdout).toContain("  - pattern `{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry)");
    expect(stdout).toContain("  - metric `LogMetrics/NetworkACLChanges`, 1 per match, 0 otherwise");
    expect(stdout).toContain(
      "  - alarm `cis-nacl-changes`: Sum >= 1 in 1 of 1 × 300 s, missing data notBreaching; notifies topic `alerts`, also when it returns to OK",
    );
  });

  test("an added rule with a scanner variant shows the variant and which filter counts", () => {
    const { stdout } = review([before, synthOutput(BASE.replace("cloudtrail-changes]", "cloudtrail-changes, security-group-changes]"))]);
    expect(stdout).toContain("`main` (3 to add); 1 stack unchanged.");
    expect(stdout).toContain("  - metric `LogMetrics/SecurityGroupChanges`, 0 per match, 0 otherwise");
    expect(stdout).toContain(
      "  - also filter `cis-security-group-changes-steampipe`: pattern `{($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) || ($.eventName = ModifySecurityGroupRules)}`, 1 per match into `SecurityGroupChanges`",
    );
  });

  test("a changed alarm names the rule and the setting, a removed rule is destroyed and listed first", () => {
    const after = synthOutput(
      BASE.replace("vpc-changes, ", "").replace("  log_group:", "  overrides:\n    root-account-usage: { alarm: { period: 60 } }\n  log_group:"),
    );
    const { stdout } = review([before, after]);
    const [attention, details] = stdout.split("## `main`");
    expect(attention).toContain("- `main`: **destroyed** `aws_cloudwatch_metric_alarm.vpc_changes` (rule `vpc-changes`)");
    expect(details).toContain(
      "- **changed** `root-account-usage` Root user activity (critical; CloudWatch.1, CIS v1.2.0 3.3, CIS v1.4.0 4.3)\n  - alarm period: `300` → `60`",
    );
    expect(details).toContain("- **removed (destroyed)** `vpc-changes`");
  });

  test("a changed pattern lists the conditions it gains and loses", () => {
    const pack = (pattern: string) =>
      `pack: custom\nrules:\n  - { id: my-rule, title: t, severity: low, description: d, metric_name: M, pattern: '${pattern}' }\n`;
    const config = `rule_packs: [custom.yaml]\n${BASE.replace("[vpc-changes, root-account-usage, cloudtrail-changes]", "[my-rule]")}`;
    const { stdout } = review([
      synthOutput(config, { "custom.yaml": pack("{ ($.eventName = CreateRoute) || ($.eventName = DeleteRoute) }") }),
      synthOutput(config, { "custom.yaml": pack('{($.eventName="CreateRoute")||($.eventName="CreateRouteTable")}') }),
    ]);
    expect(stdout).toContain('  - pattern + `$.eventName = "CreateRouteTable"`\n  - pattern − `$.eventName = "DeleteRoute"`');
  });

  test("a renamed topic is replaced first of all, and so are its subscriptions and policy; its alarms follow", () => {
    const { stdout } = review([before, synthOutput(BASE.replace("    alerts:\n", "    alerts:\n      name: cis-security\n"))]);
    const [attention] = stdout.split("## `main`");
    expect(attention).toContain(
      "- `main`: **replaced** (destroyed, then created) `aws_sns_topic.alerts` (topic `alerts`): name: `cis-alerts` → `cis-security`",
    );
    expect(attention).toMatch(
      /\*\*replaced\*\* \(destroyed, then created\) `aws_sns_topic_subscription\.alerts_email_sec_example_com_\w+` \(topic `alerts`\): topic_arn: topic `alerts` → _\(known after apply\)_/,
    );
    expect(attention).toContain("**replaced** (destroyed, then created) `aws_sns_topic_policy.alerts`");
    expect(stdout).toContain("  - alarm alarm_actions[0]: topic `alerts` → _(known after apply)_");
  });

  test("a moved block turns a rename into a move, not a replacement", () => {
    const { stdout } = review([before, synthOutput(BASE.replace("    alerts:\n", "    security:\n      moved_from: alerts\n      name: cis-alerts\n"))]);
    expect(stdout).not.toContain("**destroyed**");
    expect(stdout).not.toContain("**replaced**");
    expect(stdout).toContain("`main` (3 moved)");
    expect(stdout).toContain("| moved from `aws_sns_topic.alerts` | `aws_sns_topic.security` | topic security |");
  });

  test("regions by name, tags as the tags_all updates they cause, the deploy role and the state location", () => {
    const after = synthOutput(
      `backend:\n  s3: { bucket: example-state, region: us-east-1 }\n${BASE.replace("regions: [us-east-1, eu-west-1]", "regions: [us-east-1, eu-south-1]").replace("platform-team", "security-team").replace("    region: us-east-1\n", "    region: us-east-1\n    role_arn: arn:aws:iam::123456789012:role/deploy\n")}`,
    );
    const { stdout } = review([before, after]);
    expect(stdout).toContain("- `main-regions`: **destroyed** `aws_accessanalyzer_analyzer.eu_west_1` (region eu-west-1)");
    expect(stdout).toContain("- added eu-south-1: `cis-access-analyzer` (ACCOUNT)");
    expect(stdout).toContain("- changed us-east-1: `cis-access-analyzer` (ACCOUNT): tags_all.Owner: `platform-team` → `security-team`");
    expect(stdout).toContain(
      "- `aws`, `aws.chatbot`: assume role role_arn: (none) → `arn:aws:iam::123456789012:role/deploy`; assume role session_name: (none) → `cis-baseline-main`; default tag Owner: `platform-team` → `security-team`",
    );
    expect(stdout).toMatch(/- 34 providers \(`aws\.af_south_1` … `aws\.us_west_2`\): assume role role_arn/);
    expect(stdout).toContain("**state moves**: backend");
    expect(stdout).toContain("cdktf deploy main --migrate-state");
  });

  test("an account that joins an organization trail loses its monitoring and its outputs; the review names the outputs", () => {
    const joined = synthOutput(
      `organization_trail: { account: central }\n${BASE}  - { name: central, id: "210987654321", region: us-east-1, log_group: { name: org/trail, lookup: false } }\n`,
    );
    const { stdout } = review([before, joined]);
    const main = stdout.slice(stdout.indexOf("## `main`"));
    expect(main).toContain("outputs change");
    expect(main).toContain(
      "- **removed** `alarm_names`, `log_group_name`, `topic_arns`: whatever reads them (terraform_remote_state, `terraform output`) breaks",
    );
    expect(main).toContain("- **removed (destroyed)** `root-account-usage`");
  });

  test("a removed account's stacks are orphaned, not destroyed, with the way to destroy them first", () => {
    const twoAccounts = BASE.replace("accounts:\n", 'accounts:\n  - { name: beta, id: "210987654321", region: eu-west-1 }\n');
    const { stdout } = review([synthOutput(twoAccounts), before]);
    expect(stdout).toContain("`beta` (removed from the config: 10 resources orphaned), `beta-regions` (removed from the config: 2 resources orphaned)");
    expect(stdout).toContain("- `beta`: **removed from the config**: its 10 resources are **orphaned, not destroyed**");
    expect(stdout).toContain("keep the account with `decommission: true` for one deploy, then remove it");
    expect(stdout).not.toContain("**destroyed**");
  });

  test("--plan summarizes terraform show -json of a real plan in the same format", () => {
    const plan = {
      resource_changes: [
        {
          address: "aws_cloudwatch_metric_alarm.vpc_changes",
          mode: "managed",
          type: "aws_cloudwatch_metric_alarm",
          name: "vpc_changes",
          change: {
            actions: ["update"],
            before: { period: 300, alarm_name: "cis-vpc-changes" },
            after: { period: 60, alarm_name: "cis-vpc-changes" },
            after_unknown: {},
          },
        },
        {
          address: "aws_sns_topic.alerts",
          mode: "managed",
          type: "aws_sns_topic",
          name: "alerts",
          change: { actions: ["delete", "create"], before: { name: "a" }, after: { name: "b" }, replace_paths: [["name"]] },
        },
        {
          address: "data.aws_caller_identity.current",
          mode: "data",
          type: "aws_caller_identity",
          name: "current",
          change: { actions: ["read"], before: null, after: {} },
        },
      ],
    };
    const file = join(mkdtempSync(join(tmpdir(), "cis-plan-")), "plan.json");
    writeFileSync(file, JSON.stringify(plan));
    const { stdout, status } = review(["--plan", file, "--stack", "main", "--synth", before]);
    expect(status).toBe(0);
    expect(stdout).toContain("`main` (1 to change, 1 to replace)");
    expect(stdout).toContain("**replaced** (destroyed, then created) `aws_sns_topic.alerts` (topic `alerts`): name: `a` → `b`");
    expect(stdout).toContain("- **changed** `vpc-changes` VPC changes");
    expect(stdout).toContain("  - alarm period: `300` → `60`");
  });

  test("usage errors", () => {
    expect(review([]).status).toBe(2);
    expect(review(["/nonexistent", before]).stderr).toContain("/nonexistent has no stacks/ folder");
  });

  test("--base compares a git ref with the working tree; a config the ref lacks is new; temp folders are removed", () => {
    // A config only the working tree has: its first pull request.
    const config = `rules/review-test-${process.pid}.yaml`;
    writeFileSync(join(ROOT, config), MINIMAL);
    const leftovers = () => readdirSync(tmpdir()).filter((name) => name.startsWith("cis-review-"));
    const earlier = leftovers();
    let result;
    try {
      result = runEntry("lib/commands/review.ts", ["--base", "HEAD", "--config", config]);
    } finally {
      rmSync(join(ROOT, config), { force: true });
    }
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^# CIS baseline review\n\n\*\*New config\*\*: nothing of it exists on the base/);
    expect(result.stdout).toContain("`main` (new stack: 36 to add), `main-regions` (new stack: 17 to add).");
    expect(leftovers().filter((name) => !earlier.includes(name))).toEqual([]);
  });
});
