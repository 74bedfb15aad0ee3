import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
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
    expect(review([before, synthOutput(BASE)]).stdout).toBe("# CIS baseline review\n\nNo changes in 7 stacks: terraform will plan nothing.\n");
  });

  test("an added rule shows its id, title, severity, references, pattern, metric, alarm and topic", () => {
    const { stdout, status } = review([before, synthOutput(BASE.replace("cloudtrail-changes]", "cloudtrail-changes, nacl-changes]"))]);
    expect(status).toBe(0);
    expect(stdout).toContain("`main` (2 to add); 6 stacks unchanged.");
    expect(stdout).toContain("- **added** `nacl-changes` Network ACL changes (medium; CloudWatch.11, CIS v1.2.0 3.11, CIS v1.4.0 4.11)");
    expect(stdout).toContain("  - pattern `{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry)");
    expect(stdout).toContain("  - metric `LogMetrics/NetworkACLChanges`, 1 per match, 0 otherwise");
    expect(stdout).toContain(
      "  - alarm `cis-nacl-changes`: Sum >= 1 in 1 of 1 × 300 s, missing data notBreaching; notifies topic `alerts`, also when it returns to OK",
    );
  });

  test("an added rule with a scanner variant shows the variant and which filter counts", () => {
    const { stdout } = review([before, synthOutput(BASE.replace("cloudtrail-changes]", "cloudtrail-changes, security-group-changes]"))]);
    expect(stdout).toContain("`main` (3 to add); 6 stacks unchanged.");
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
    expect(stdout).toContain("- `main-regions-europe`: **destroyed** `aws_accessanalyzer_analyzer.eu_west_1` (region eu-west-1)");
    expect(stdout).toContain("- added eu-south-1: `cis-access-analyzer` (ACCOUNT)");
    expect(stdout).toContain("- changed us-east-1: `cis-access-analyzer` (ACCOUNT): tags_all.Owner: `platform-team` → `security-team`");
    expect(stdout).toContain(
      "- `aws`, `aws.chatbot`: assume role role_arn: (none) → `arn:aws:iam::123456789012:role/deploy`; assume role session_name: (none) → `cis-baseline-main`; default tag Owner: `platform-team` → `security-team`",
    );
    expect(stdout).toContain("- `aws.us_east_1`, `aws.us_east_2`, `aws.us_west_2`: assume role role_arn");
    expect(stdout).toMatch(/- 5 providers \(`aws\.ca_central_1` … `aws\.us_west_1`\): assume role role_arn/);
    expect(stdout).toMatch(/- 9 providers \(`aws\.ap_south_1` … `aws\.ap_southeast_7`\): assume role role_arn/);
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
    expect(stdout).toContain(
      "`beta` (removed from the config: 10 resources orphaned), `beta-regions` (removed from the config: 1 resource orphaned), `beta-regions-americas` (removed from the config; it managed nothing), `beta-regions-apac` (removed from the config; it managed nothing), `beta-regions-apac-south` (removed from the config; it managed nothing), `beta-regions-emea` (removed from the config; it managed nothing), `beta-regions-europe` (removed from the config: 1 resource orphaned); 7 stacks unchanged.",
    );
    expect(stdout).not.toContain("`beta-regions-apac`: **removed from the config**");
    expect(stdout).toContain("- `beta`: **removed from the config**: its 10 resources are **orphaned, not destroyed**");
    expect(stdout).toContain("keep the account with `decommission: true` for one deploy, then remove it");
    expect(stdout).not.toContain("**destroyed**");
  });

  test("--plan summarizes terraform show -json of a real plan in the same format", () => {
    const plan = {
      format_version: "1.2",
      planned_values: {},
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

  test.each([
    ["a number", "42", /plan\.json:1:1: not the JSON of a plan .*expected an object/],
    ["a list", "[1]", /plan\.json:1:1: not the JSON of a plan .*expected an object/],
    ["a state's JSON", '{"format_version": "1.0", "values": {}}', /planned_values must be an object \(a state's JSON has none/],
    ["resource_changes of the wrong type", '{"format_version": "1.2", "planned_values": {}, "resource_changes": "x"}', /resource_changes must be a list/],
    [
      "an entry without actions",
      '{"format_version": "1.2", "planned_values": {}, "resource_changes": [{"address": "a.b", "mode": "managed", "type": "a", "name": "b", "change": {}}]}',
      /resource_changes\[0\]\.change\.actions must be a list of terraform actions/,
    ],
    ["a million nested lists", "[".repeat(1_000_000), /plan\.json:1:65: JSON nested deeper than 64 levels/],
    ["broken JSON", '{\n  "format_version": "1.2",\n  "planned_values": {\n}', /plan\.json:4:2: not valid JSON: expected "," or "}", got end of input/],
  ])("--plan refuses %s, located, instead of saying there are no changes", (_, text, message) => {
    const file = join(mkdtempSync(join(tmpdir(), "cis-plan-")), "plan.json");
    writeFileSync(file, text);
    const { status, stdout, stderr } = review(["--plan", file]);
    expect({ status, stdout }).toEqual({ status: 2, stdout: "" });
    expect(stderr).toMatch(message);
  });

  test("--plan refuses a FIFO instead of waiting forever", () => {
    const fifo = join(mkdtempSync(join(tmpdir(), "cis-fifo-")), "plan.json");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const { status, stderr } = review(["--plan", fifo]);
    expect(status).toBe(2);
    expect(stderr).toContain("is not a regular file");
  });

  test("a stack file that is not a stack (null, a number) is refused, never read as an empty stack", () => {
    for (const text of ["null", "42", '{"resource": {}}', '{"terraform": {}, "resource": {"aws_sns_topic": {"a": "x"}}}']) {
      const copy = mkdtempSync(join(tmpdir(), "cis-copy-"));
      cpSync(before, copy, { recursive: true });
      writeFileSync(join(copy, "stacks", "main", "cdk.tf.json"), text);
      const { status, stdout, stderr } = review([before, copy]);
      expect({ text, status, stdout }).toEqual({ text, status: 2, stdout: "" });
      expect(stderr).toMatch(/stacks\/main\/cdk\.tf\.json:1:1: not a synthesized stack \(cdk\.tf\.json\)/);
    }
  });

  test("verbs describe the rule: a dropped scanner variant changes the rule, it does not remove it", () => {
    const withScanner = synthOutput(BASE.replace("cloudtrail-changes]", "cloudtrail-changes, security-group-changes]"));
    const without = synthOutput(
      BASE.replace("cloudtrail-changes]", "cloudtrail-changes, security-group-changes]").replace(
        "  log_group:",
        "  compliance: { scanners: [security-hub] }\n  log_group:",
      ),
    );
    const { stdout } = review([withScanner, without]);
    expect(stdout).toContain("- **changed** `security-group-changes`");
    expect(stdout).not.toContain("**removed (destroyed)** `security-group-changes`");
    expect(stdout).toContain("**destroyed** filter");
  });

  test("verbs describe the rule: per-account alarms turned on change the rule, they do not add it", () => {
    const organization = (perAccount: string) =>
      `organization_trail: { account: main${perAccount} }\n${BASE}  - { name: member, id: "210987654321", region: us-east-1 }\n`;
    const { stdout } = review([synthOutput(organization("")), synthOutput(organization(", per_account_alarms: [root-account-usage]"))]);
    expect(stdout).toContain("- **changed** `root-account-usage`");
    expect(stdout).not.toContain("- **added** `root-account-usage`");
    expect(stdout).toMatch(/\*\*added\*\* alarm `root_account_usage_in_member`/);
  });

  test("identity changes are named: the account id, the Chatbot region, a log group the stack starts creating, subscriptions to confirm", () => {
    const chatbot = (region: string) =>
      BASE.replace("    alerts:\n", `    alerts:\n      chatbot: { region: ${region}, slack: { team_id: T07EA123LEP, channel_id: C07EZ1ABC23 } }\n`);
    const before = synthOutput(chatbot("us-east-2"));
    const after = synthOutput(
      chatbot("eu-west-1")
        .replace('id: "123456789012"', 'id: "123456789099"')
        .replace("log_group: { lookup: false }", "log_group: { mode: create }")
        .replace("sec@example.com }", "sec@example.com }\n        - { protocol: https, endpoint: 'https://pager.example.com/hook' }"),
    );
    const { stdout } = review([before, after]);
    expect(stdout).toContain("**account id changes** `123456789012` → `123456789099`");
    expect(stdout).toContain("**Chatbot region changes** `us-east-2` → `eu-west-1`");
    expect(stdout).toContain("**log group now created by this stack** `aws_cloudwatch_log_group.cloudtrail`");
    expect(stdout).toMatch(/\*\*subscriptions to confirm\*\*: `https https:\/\/pager\.example\.com\/…`/);
  });

  test("destroying a log group the stack created says the events go with it", () => {
    const created = synthOutput(BASE.replace("log_group: { lookup: false }", "log_group: { mode: create }"));
    const { stdout } = review([created, before]);
    expect(stdout).toContain("deleting the log group deletes every CloudTrail event in it");
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
    expect(result.stdout).toContain(
      "`main` (new stack: 36 to add), `main-regions` (new stack: 3 to add), `main-regions-americas` (new stack: 3 to add), `main-regions-apac` (new stack: 3 to add), `main-regions-apac-south` (new stack: 3 to add), `main-regions-emea` (new stack: 2 to add), `main-regions-europe` (new stack: 3 to add).",
    );
    expect(leftovers().filter((name) => !earlier.includes(name))).toEqual([]);
  });
});

describe("a review that fits a pull request comment", () => {
  test("the first pull request of a many-account organization, condensed to what needs attention and a line per stack", () => {
    const accounts = Array.from({ length: 8 }, (_, i) => `  - { name: account-${i}, id: "${200000000000 + i}", region: us-east-1 }`).join("\n");
    const config = MINIMAL.replace(/accounts:\n[\s\S]*$/, `accounts:\n${accounts}\n`).replace("  log_group:", "  rules: { enable: [pack:cis] }\n  log_group:");
    const outdir = synthOutput(config);
    const empty = mkdtempSync(join(tmpdir(), "cis-empty-"));
    require("node:fs").mkdirSync(join(empty, "stacks"));
    const full = review([empty, outdir]);
    expect(full.stdout.length).toBeGreaterThan(65_536);
    const comment = review([empty, outdir, "--max-chars", "65536"]);
    expect(comment.status).toBe(0);
    expect(comment.stdout.length).toBeLessThanOrEqual(65_536);
    expect(comment.stdout).toMatch(/^# CIS baseline review \(condensed\)/);
    expect(comment.stdout).toContain("- `account-0`: **subscriptions to confirm**");
    expect(comment.stdout).toContain("## 56 of 56 stacks change");
    expect(comment.stdout).toContain("- `account-7-regions-europe`: new stack: 3 to add");
    expect(comment.stdout).toMatch(/the full review is [\d,]+ characters; a pull request comment takes 65,536/);
    expect(review([empty, outdir, "--max-chars", "10"]).status).toBe(2);
  });
});
