import { mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { runEntry } from "../support/run";
import { MINIMAL, loadFrom, problemsFor, tempFiles } from "../support/temp-config";
import { TerraformJson, synthAccount, synthAccountText, synthRegional } from "../support/synth";

/** Every file under a folder, by relative path. */
function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return out;
}

/** Resource and provider blocks by address, without cdktf's construct-path metadata. */
function blocks(json: TerraformJson): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [type, byName] of Object.entries(json.resource)) {
    for (const [name, body] of Object.entries(byName)) {
      const { "//": _, ...rest } = body;
      out[`${type}.${name}`] = rest;
    }
  }
  for (const provider of json.provider.aws) out[`provider.aws.${provider.alias ?? "default"}`] = provider;
  return out;
}

function changedAddresses(before: TerraformJson, after: TerraformJson): { added: string[]; removed: string[]; changed: string[] } {
  const a = blocks(before);
  const b = blocks(after);
  return {
    added: Object.keys(b)
      .filter((key) => !(key in a))
      .sort(),
    removed: Object.keys(a)
      .filter((key) => !(key in b))
      .sort(),
    changed: Object.keys(b)
      .filter((key) => key in a && JSON.stringify(a[key]) !== JSON.stringify(b[key]))
      .sort(),
  };
}

const BASE = MINIMAL.replace(
  "  log_group:",
  "  rules: { enable: [vpc-changes, root-account-usage, nacl-changes] }\n  regions: [us-east-1, eu-west-1, ap-south-1]\n  log_group:",
);

describe("deterministic output", () => {
  test("two synths of the same config are byte-identical, every file", () => {
    const dir = tempFiles({ "config.yaml": BASE });
    const first = mkdtempSync(join(tmpdir(), "cis-det-"));
    const second = mkdtempSync(join(tmpdir(), "cis-det-"));
    for (const outdir of [first, second]) {
      expect(runEntry("main.ts", [], { CIS_CONFIG: join(dir, "config.yaml"), CDKTF_OUTDIR: outdir }).status).toBe(0);
    }
    expect(filesOf(second)).toEqual(filesOf(first));
    expect(Object.keys(filesOf(first))).toEqual([
      ".cis-baseline.json",
      "manifest.json",
      "stacks/main/cdk.tf.json",
      "stacks/main-regions/cdk.tf.json",
      "stacks/main-regions-americas/cdk.tf.json",
      "stacks/main-regions-apac/cdk.tf.json",
      "stacks/main-regions-apac-south/cdk.tf.json",
      "stacks/main-regions-emea/cdk.tf.json",
      "stacks/main-regions-europe/cdk.tf.json",
    ]);
  });

  test("reordering rules, regions, topics, subscriptions and keys changes nothing", () => {
    const reordered = `
accounts:
  - region: us-east-1
    id: "123456789012"
    name: main
defaults:
  log_group: { lookup: false }
  regions: [ap-south-1, us-east-1, eu-west-1]
  rules: { enable: [nacl-changes, vpc-changes, root-account-usage] }
  topics:
    alerts:
      subscriptions:
        - { endpoint: sec@example.com, protocol: email }
      severities: [informational, low, medium, high, critical]
`;
    const a = loadFrom(BASE).model;
    const b = loadFrom(reordered).model;
    expect(synthAccountText(b.accounts[0], b)).toBe(synthAccountText(a.accounts[0], a));
  });

  test("adding a rule adds exactly its filter and alarm", () => {
    const before = loadFrom(BASE).model;
    const after = loadFrom(BASE.replace("nacl-changes]", "nacl-changes, cloudtrail-changes]")).model;
    expect(changedAddresses(synthAccount(before.accounts[0], before), synthAccount(after.accounts[0], after))).toEqual({
      added: ["aws_cloudwatch_log_metric_filter.cloudtrail_changes", "aws_cloudwatch_metric_alarm.cloudtrail_changes"],
      removed: [],
      changed: [],
    });
  });

  test("removing a region removes exactly its analyzer; its provider stays, so the analyzer can be destroyed", () => {
    const before = loadFrom(BASE).model;
    const after = loadFrom(BASE.replace("regions: [us-east-1, eu-west-1, ap-south-1]", "regions: [us-east-1, ap-south-1]")).model;
    expect(changedAddresses(synthRegional(before.accounts[0], before), synthRegional(after.accounts[0], after))).toEqual({
      added: [],
      removed: ["aws_accessanalyzer_analyzer.eu_west_1"],
      changed: [],
    });
    expect(synthAccountText(after.accounts[0], after)).toBe(synthAccountText(before.accounts[0], before));
  });

  test("a changed threshold changes only that alarm", () => {
    const before = loadFrom(BASE).model;
    const after = loadFrom(BASE.replace("  log_group:", "  overrides:\n    vpc-changes: { alarm: { threshold: 2, single_event: false } }\n  log_group:")).model;
    expect(changedAddresses(synthAccount(before.accounts[0], before), synthAccount(after.accounts[0], after))).toEqual({
      added: [],
      removed: [],
      changed: ["aws_cloudwatch_metric_alarm.vpc_changes"],
    });
  });
});

describe("renames", () => {
  test("resource names come from rule ids, topic keys and regions", () => {
    const { model } = loadFrom(BASE);
    const json = synthAccount(model.accounts[0], model);
    expect(
      Object.keys(blocks(synthRegional(model.accounts[0], model)))
        .filter((key) => key.startsWith("aws_"))
        .sort(),
    ).toEqual(["aws_accessanalyzer_analyzer.ap_south_1", "aws_accessanalyzer_analyzer.eu_west_1", "aws_accessanalyzer_analyzer.us_east_1"]);
    expect(
      Object.keys(blocks(json))
        .filter((key) => key.startsWith("aws_"))
        .sort(),
    ).toEqual([
      "aws_cloudwatch_log_metric_filter.nacl_changes",
      "aws_cloudwatch_log_metric_filter.root_account_usage",
      "aws_cloudwatch_log_metric_filter.vpc_changes",
      "aws_cloudwatch_metric_alarm.nacl_changes",
      "aws_cloudwatch_metric_alarm.root_account_usage",
      "aws_cloudwatch_metric_alarm.vpc_changes",
      "aws_iam_account_password_policy.account",
      "aws_sns_topic.alerts",
      "aws_sns_topic_policy.alerts",
      `aws_sns_topic_subscription.alerts_${model.accounts[0].topics[0].subscriptions[0].key}`,
    ]);
  });

  test("a renamed topic moves its resources with moved blocks instead of replacing them", () => {
    const renamed = BASE.replace("    alerts:\n", "    security:\n      moved_from: alerts\n      kms: create\n");
    const { model } = loadFrom(renamed);
    const json = synthAccount(model.accounts[0], model) as TerraformJson & { moved?: { from: string; to: string }[] };
    const subscription = model.accounts[0].topics[0].subscriptions[0].key;
    expect(json.moved).toEqual(
      expect.arrayContaining([
        { from: "aws_sns_topic.alerts", to: "aws_sns_topic.security" },
        { from: "aws_sns_topic_policy.alerts", to: "aws_sns_topic_policy.security" },
        { from: "aws_kms_key.alerts", to: "aws_kms_key.security" },
        { from: "aws_kms_alias.alerts", to: "aws_kms_alias.security" },
        { from: `aws_sns_topic_subscription.alerts_${subscription}`, to: `aws_sns_topic_subscription.security_${subscription}` },
      ]),
    );
    expect(json.moved).toHaveLength(5);
  });

  test("a renamed rule moves its filter and alarm", () => {
    const { model } = loadFrom(BASE.replace("  log_group:", "  overrides:\n    vpc-changes: { moved_from: vpc-change }\n  log_group:"));
    const json = synthAccount(model.accounts[0], model) as TerraformJson & { moved?: unknown[] };
    expect(json.moved).toEqual([
      { from: "aws_cloudwatch_log_metric_filter.vpc_change", to: "aws_cloudwatch_log_metric_filter.vpc_changes" },
      { from: "aws_cloudwatch_metric_alarm.vpc_change", to: "aws_cloudwatch_metric_alarm.vpc_changes" },
    ]);
  });

  test("moving from a name still in use is refused", () => {
    expect(problemsFor(BASE.replace("  log_group:", "  overrides:\n    vpc-changes: { moved_from: nacl-changes }\n  log_group:"))).toEqual([
      'config.yaml:11:32: defaults.overrides.vpc-changes.moved_from: moved_from "nacl-changes" is a rule that is still enabled; a rule can only move from an id no longer in use',
    ]);
  });
});
