import { complianceCommand } from "../../lib/commands/compliance";
import { MINIMAL, tempFiles } from "../support/temp-config";
import { BASELINE_CONFIG, loadModel, resources, synthAccount, synthAccountText, synthRegional, synthRegionalStacks } from "../support/synth";
import { join } from "node:path";
import { loadConfig } from "../../lib/config/load-config";
import { regionsOfPartition } from "../../lib/model/aws-facts";

/**
 * npm run compliance: every scanner's verdict per control, from the synthesized Terraform.
 * The default config must pass every selected scanner; the every-scanner example every cell
 * but the two that can never pass with a live filter.
 */
type Json = {
  accounts: {
    account: string;
    selected: string[];
    controls: { control: string; cells: Record<string, { status: string; reason: string; impossible?: string }> }[];
    placeholderSubscriptions: string[];
    securityHubUncovered: { covered: string[]; uncovered: string[] } | null;
  }[];
  monitoredElsewhere: { account: string; by?: string; verdicts: { scanner: string; failing: string[]; checked: number }[] }[];
};

function run(args: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const status = complianceCommand(args, { write: (text) => (stdout += text), error: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

const cellsOf = (report: Json, account = 0) =>
  report.accounts[account].controls.flatMap((row) => Object.entries(row.cells).map(([scanner, cell]) => ({ control: row.control, scanner, ...cell })));

test("the default config: every cell of the selected scanners passes (or is not this config's to manage)", () => {
  const result = run(["--config", "rules/default.yaml", "--json"]);
  expect(result.status).toBe(0);
  const report = JSON.parse(result.stdout) as Json;
  expect(report.accounts[0].selected).toEqual(["security-hub", "prowler", "steampipe"]);
  const selected = cellsOf(report).filter((cell) => report.accounts[0].selected.includes(cell.scanner));
  expect(selected.filter((cell) => cell.status === "FAIL")).toEqual([]);
  expect(selected.filter((cell) => cell.status === "N/A").map((cell) => cell.control)).toEqual([
    "security-hub-enabled",
    "security-hub-enabled",
    "log-group-retention",
    "log-group-retention",
    "log-group-retention",
  ]);
  expect(selected.filter((cell) => cell.status === "PASS")).toHaveLength(14 + 15 + 15 + 3 + 3); // rules (Security Hub has no 4.15), then CloudWatch.15 and .17
});

test("every scanner: all cells pass but two that never can with a live filter, each with its reason", () => {
  const result = run(["--config", "rules/examples/every-scanner.yaml", "--json"]);
  expect(result.status).toBe(0);
  const cells = cellsOf(JSON.parse(result.stdout));
  const failing = cells.filter((cell) => cell.status === "FAIL");
  expect(failing.map((cell) => [cell.scanner, cell.control])).toEqual([
    ["trivy", "console-signin-without-mfa"],
    ["trivy", "root-account-usage"],
  ]);
  expect(failing.every((cell) => cell.impossible)).toBe(true);
  expect(failing[0].impossible).toContain('"=="');
  expect(failing[1].impossible).toContain("&.eventType");
  // Organizations passes for every scanner: the rule's own filter is Trivy's own spelling, CloudSploit's carries Trivy's string.
  expect(cells.filter((cell) => cell.control === "organizations-changes").map((cell) => [cell.scanner, cell.status])).toEqual([
    ["prowler", "PASS"],
    ["steampipe", "PASS"],
    ["cloudsploit", "PASS"],
    ["trivy", "PASS"],
  ]);
});

test("the text report says what it assumes and why a cell fails; a selected scanner's failure is exit 1", () => {
  const dir = tempFiles({ "config.yaml": MINIMAL.replace("  log_group:", "  rules: { enable: [pack:cis], disable: [vpc-changes] }\n  log_group:") });
  const result = run(["--config", join(dir, "config.yaml")]);
  expect(result.status).toBe(1);
  expect(result.stdout).toContain("assumes:");
  expect(result.stdout).toContain("multi-Region trail");
  expect(result.stdout).toContain("security-hub, vpc-changes: FAIL: rule vpc-changes is not enabled in this account.");
  expect(result.stdout).toMatch(/vpc-changes\s+CloudWatch\.14\s+3\.14 \(v1\.2\), 4\.14 \(v1\.4-v5\.0\), 5\.14 \(v6\.0-v7\.0\)\s+FAIL\s+FAIL\s+FAIL/);
  expect(result.stdout).toContain("note: Security Hub scores these alarms (CloudWatch.1-14) in its CIS v1.2.0 standard");
});

test("trivy with per-account alarms: two filters carry its string, which the report calls impossible", () => {
  const config = `
organization_trail: { account: mgmt, per_account_alarms: [cloudtrail-changes] }
defaults:
  compliance: { scanners: [security-hub, trivy] }
  topics:
    alerts:
      severities: [critical, high, medium, low, informational]
      subscriptions: [{ protocol: email, endpoint: sec@example.com }]
accounts:
  - { name: mgmt, id: "111111111111", region: us-east-1, organization_role: management, log_group: { name: org/trail, lookup: false } }
  - { name: member, id: "222222222222", region: us-east-1 }
`;
  const dir = tempFiles({ "config.yaml": config });
  const result = run(["--config", join(dir, "config.yaml"), "--json"]);
  const report = JSON.parse(result.stdout) as Json;
  // Scanned alone, the member has no filters: Trivy's own logic fails each of its checks there.
  expect(report.monitoredElsewhere).toEqual([
    {
      account: "member",
      by: "mgmt",
      verdicts: [expect.objectContaining({ scanner: "security-hub" }), expect.objectContaining({ scanner: "trivy", checked: 15 })],
    },
  ]);
  expect(report.monitoredElsewhere[0].verdicts[1].failing).toHaveLength(15);
  const cell = cellsOf(report).find((item) => item.scanner === "trivy" && item.control === "cloudtrail-changes")!;
  expect(cell).toMatchObject({ status: "FAIL", impossible: expect.stringContaining("per-account alarm") });
  expect(cell.reason).toContain("(CloudTrailChanges, cis-cloudtrail-changes-by-account)");
  // Trivy's other controls pass: the filter carrying its string is named after the metric its alarm watches.
  expect(cellsOf(report).find((item) => item.scanner === "trivy" && item.control === "vpc-changes")).toMatchObject({ status: "PASS" });
  expect(result.status).toBe(0);
});

test("--markdown renders docs/compliance.md's table; usage errors", () => {
  const markdown = run(["--config", "rules/default.yaml", "--markdown"]).stdout;
  expect(markdown).toContain(
    "| control | Security Hub | CIS benchmark | Security Hub | Prowler | Steampipe aws-compliance | CloudSploit (not selected) | Trivy (not selected) |",
  );
  expect(markdown).toContain("| Root user activity | CloudWatch.1 | 3.3 (v1.2), 4.3 (v1.4-v5.0), 5.3 (v6.0-v7.0) | PASS | PASS | PASS |");
  expect(run(["--json", "--markdown"]).status).toBe(2);
  expect(run(["--account", "nobody"]).status).toBe(2);
});

describe("what the scanners need, in the Terraform", () => {
  const model = loadModel("rules/examples/every-scanner.yaml");
  const account = model.accounts[0];
  const filters = resources(synthAccount(account, model), "aws_cloudwatch_log_metric_filter");

  test("variants publish to the rule's metric; only a widening one counts; Trivy's carrier is named after the metric", () => {
    const variants = Object.keys(filters).filter((name) => !account.rules.some((rule) => rule.id.replace(/-/g, "_") === name));
    expect(variants.sort()).toEqual([
      "console_signin_without_mfa_cloudsploit",
      "iam_policy_changes_cloudsploit",
      "organizations_changes_cloudsploit",
      "root_account_usage_cloudsploit",
      "route_table_changes_cloudsploit",
      "security_group_changes_steampipe",
      "unauthorized_api_calls_cloudsploit",
      "unauthorized_api_calls_steampipe",
    ]);
    expect(filters.iam_policy_changes_cloudsploit).toMatchObject({ name: "IAMPolicyChanges", metric_transformation: { name: "IAMPolicyChanges", value: "0" } });
    expect(filters.vpc_changes.name).toBe("VPCChanges");
    expect(filters.iam_policy_changes.name).toBe("cis-iam-policy-changes");
    expect(filters.security_group_changes_steampipe.metric_transformation).toEqual({ name: "SecurityGroupChanges", namespace: "LogMetrics", value: "1" });
    expect((filters.security_group_changes.metric_transformation as { value: string }).value).toBe("0");
  });

  test("snapshot of both stacks", () => {
    expect(synthAccountText(account, model)).toMatchSnapshot(account.stacks.home);
    for (const [name, text] of synthRegionalStacks(account, model)) expect(text).toMatchSnapshot(name);
  });

  test("Security Hub in every listed region, subscribed to the chosen CIS standards only", () => {
    const regional = synthRegional(account, model);
    const hubs = resources(regional, "aws_securityhub_account");
    expect(Object.keys(hubs)).toEqual(["us_east_1", "us_west_2"]);
    for (const hub of Object.values(hubs)) expect(hub.enable_default_standards).toBe(false);
    const subscriptions = resources(regional, "aws_securityhub_standards_subscription");
    expect(Object.fromEntries(Object.entries(subscriptions).map(([name, body]) => [name, body.standards_arn]))).toEqual({
      us_east_1_cis_1_2_0: "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0",
      us_east_1_cis_1_4_0: "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/1.4.0",
      us_west_2_cis_1_2_0: "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0",
      us_west_2_cis_1_4_0: "arn:aws:securityhub:us-west-2::standards/cis-aws-foundations-benchmark/v/1.4.0",
    });
    for (const [name, subscription] of Object.entries(subscriptions)) {
      expect(subscription.depends_on).toEqual([`aws_securityhub_account.${name.slice(0, 9)}`]);
    }
  });
});

test("CloudWatch.16: a created log group kept under 365 days warns at synth and fails in the report", () => {
  const config = MINIMAL.replace(
    "  log_group: { lookup: false }",
    "  log_group: { name: CloudTrail/main, mode: create, retention_days: 90 }\n  cloudtrail: { create: true }",
  );
  const dir = tempFiles({ "config.yaml": config });
  const { model } = loadConfig(join(dir, "config.yaml"));
  expect(model.warnings).toContain(
    `${join(dir, "config.yaml")}:8:69: defaults.log_group.retention_days: account main: log group CloudTrail/main keeps events 90 days; Security Hub CloudWatch.16, Prowler and Steampipe want at least 365`,
  );
  const report = JSON.parse(run(["--config", join(dir, "config.yaml"), "--json"]).stdout) as Json;
  const retention = cellsOf(report).filter((cell) => cell.control === "log-group-retention");
  expect(retention.map((cell) => [cell.scanner, cell.status])).toEqual([
    ["security-hub", "FAIL"],
    ["prowler", "FAIL"],
    ["steampipe", "FAIL"],
  ]);
  expect(retention[0].reason).toBe("CloudTrail/main keeps 90 days; at least 365");
});

describe("the compliance command's config argument", () => {
  test("a config given as the argument is the one reported on, not the default", () => {
    const byOption = run(["--config", "rules/examples/control-tower.yaml", "--json"]);
    const byArgument = run(["rules/examples/control-tower.yaml", "--json"]);
    expect(byArgument).toEqual(byOption);
    expect(JSON.parse(byArgument.stdout).accounts.map((account: { account: string }) => account.account)).toContain("management");
    expect(run(["rules/examples/control-tower.yaml", "--config", BASELINE_CONFIG]).status).toBe(2);
  });
});

describe("an organization, every region, and what the report assumes", () => {
  test("Control Tower: every account is listed; each member, scanned alone, fails every monitoring check its scanners' own logic makes", () => {
    const result = run(["--config", "rules/examples/control-tower.yaml", "--json"]);
    const report = JSON.parse(result.stdout) as Json;
    const model = loadModel("rules/examples/control-tower.yaml");
    const listed = [...report.accounts.map((account) => account.account), ...report.monitoredElsewhere.map((member) => member.account)].sort();
    expect(listed).toEqual(model.accounts.map((account) => account.name).sort());
    const management = report.accounts.find((account) => account.account === "management")!;
    expect(report.monitoredElsewhere.length).toBeGreaterThan(0);
    for (const member of report.monitoredElsewhere) {
      expect(member.by).toBe("management");
      expect(member.verdicts.map((verdict) => verdict.scanner)).toEqual(management.selected);
      for (const verdict of member.verdicts) {
        // Security Hub has no 4.15 check; the others check all fifteen, and with no filters in the account each fails.
        expect(verdict.checked).toBe(verdict.scanner === "security-hub" ? 14 : 15);
        expect(verdict.failing).toHaveLength(verdict.checked);
      }
    }
    const text = run(["--config", "rules/examples/control-tower.yaml"]).stdout;
    expect(text).toMatch(
      /account \S+: no metric filters here; management's organization trail covers its events\. .*prowler fails 15 of its 15 monitoring checks.*scan management, the trail's account/,
    );
  });

  test("CIS 4.16: the report names the regions the config covers and the others a scan checks", () => {
    const report = JSON.parse(run(["--config", "rules/examples/every-scanner.yaml", "--json"]).stdout) as Json;
    const account = report.accounts[0];
    expect(account.securityHubUncovered!.covered).toEqual(["us-east-1", "us-west-2"]);
    expect(account.securityHubUncovered!.uncovered).toEqual(regionsOfPartition("aws").filter((region) => !["us-east-1", "us-west-2"].includes(region)));
    expect(account.securityHubUncovered!.uncovered).not.toContain("us-east-1");
    const text = run(["--config", "rules/examples/every-scanner.yaml"]).stdout;
    expect(text).toContain(
      "CIS 4.16 / 5.16: this config enables Security Hub in us-east-1, us-west-2; Prowler and Steampipe check every region enabled in the account",
    );
  });

  test("placeholder subscriptions are named: the assumption of confirmed subscriptions does not hold for them", () => {
    const report = JSON.parse(run(["--config", "rules/default.yaml", "--json"]).stdout) as Json;
    expect(report.accounts[0].placeholderSubscriptions).toEqual([
      "topic security-alerts: email security-team@example.com",
      "topic security-notices: email security-team@example.com",
    ]);
    expect(run(["--config", "rules/default.yaml"]).stdout).toContain("placeholder subscriptions, never confirmed");
  });
});

describe("--summary: a pull request comment", () => {
  test("a line per account, the accounts a trail covers, and the failing cells", () => {
    const result = run(["--config", "rules/examples/control-tower.yaml", "--summary"]);
    expect(result.status).toBe(0);
    const model = loadModel("rules/examples/control-tower.yaml");
    const report = JSON.parse(run(["--config", "rules/examples/control-tower.yaml", "--json"]).stdout) as Json;
    for (const account of report.accounts) expect(result.stdout).toContain(`| ${account.account} | ${account.selected.join(", ")} |`);
    expect(result.stdout).toContain(`${report.monitoredElsewhere.length} account(s) covered by an organization trail`);
    expect(report.accounts.length + report.monitoredElsewhere.length).toBe(model.accounts.length);
    expect(result.stdout.length).toBeLessThanOrEqual(65_536);
  });

  test("a large organization is cut to --max-chars, saying how much was left out", () => {
    const config = `${MINIMAL.slice(0, MINIMAL.indexOf("accounts:"))}accounts:\n${Array.from(
      { length: 120 },
      (_, i) => `  - { name: org-${String(i).padStart(3, "0")}, id: "${100000000000 + i}", region: us-east-1 }`,
    ).join("\n")}\n`;
    const dir = tempFiles({ "config.yaml": config });
    const result = run(["--config", join(dir, "config.yaml"), "--summary", "--max-chars", "2000"]);
    expect(result.stdout.length).toBeLessThanOrEqual(2000);
    expect(result.stdout).toMatch(/… \d+ more line\(s\) left out to fit a comment of 2000 characters; `npm run --silent compliance` prints them all\.\n$/);
    expect(result.stdout).toContain("| org-000 |");
    expect(result.stdout).not.toContain("| org-119 |");
  });

  test.each([
    [["--summary", "--json"], "choose one of --json, --markdown and --summary"],
    [["--max-chars", "5000"], "--max-chars goes with --summary"],
    [["--summary", "--max-chars", "abc"], "--max-chars must be a whole number"],
    [["--summary", "--max-chars", "999"], "--max-chars must be a whole number"],
  ])("usage error: %j", (args, message) => {
    const result = run(["--config", "rules/default.yaml", ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
