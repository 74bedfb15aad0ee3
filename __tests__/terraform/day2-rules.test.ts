import { ALL_RULES, BASE, Case, PACK, describeDay2, edit, only, pair } from "../support/day2-matrix";

jest.setTimeout(600_000);

const RULE_CASES: Case[] = [
  { name: "nothing changes", files: BASE, expect: (result) => only(result, {}) },
  {
    name: "add a rule",
    files: edit(["cloudtrail-changes,", "cloudtrail-changes, nacl-changes,"]),
    expect: (result) => only(result, { acme: pair("create", "nacl_changes") }),
  },
  { name: "remove a rule", files: edit(["vpc-changes, ", ""]), expect: (result) => only(result, { acme: pair("delete", "vpc_changes") }) },
  {
    name: "raise a threshold",
    files: edit(["accounts:", "  overrides:\n    vpc-changes: { alarm: { threshold: 3, single_event: false } }\naccounts:"]),
    expect: (result) => only(result, { acme: ["update aws_cloudwatch_metric_alarm.vpc_changes"] }),
  },
  {
    name: "change the period of every alarm",
    files: edit(["accounts:", "  alarm: { period: 60 }\naccounts:"]),
    expect: (result) => only(result, { acme: ALL_RULES.map((rule) => `update aws_cloudwatch_metric_alarm.${rule}`) }),
  },
  {
    name: "change a pattern",
    files: { ...BASE, "acme.yaml": PACK('{ ($.eventName = "ConsoleLogin") && ($.responseElements.ConsoleLogin = "Failure") }') },
    expect: (result) => only(result, { acme: ["update aws_cloudwatch_log_metric_filter.acme_console_login"] }),
  },
  {
    name: "change the metric namespace",
    files: edit(["accounts:", "  namespace: Acme/CIS\naccounts:"]),
    expect: (result) => only(result, { acme: ALL_RULES.flatMap((rule) => pair("update", rule)) }),
  },
  {
    name: "tighten the password policy",
    files: edit(["accounts:", "  password_policy: { minimum_length: 20 }\naccounts:"]),
    expect: (result) => only(result, { acme: ["update aws_iam_account_password_policy.account"] }),
  },
  {
    name: "select every compliance scanner (a CloudSploit variant; Trivy renames the filters that carry its strings)",
    files: edit(["accounts:", "  compliance: { scanners: [security-hub, prowler, steampipe, cloudsploit, trivy] }\naccounts:"]),
    expect: (result) =>
      only(result, {
        acme: [
          "create aws_cloudwatch_log_metric_filter.root_account_usage_cloudsploit",
          "replace aws_cloudwatch_log_metric_filter.cloudtrail_changes",
          "replace aws_cloudwatch_log_metric_filter.vpc_changes",
        ],
      }),
  },
  {
    name: "turn the trail wiring on",
    files: edit(["  log_group: { name: CloudTrail/acme, lookup: false }", "  log_group: { name: CloudTrail/acme }\n  cloudtrail: { create: true }"]),
    expect: (result) =>
      only(result, {
        acme: [
          "create aws_cloudwatch_log_group.cloudtrail",
          ...[
            "aws_cloudtrail",
            "aws_iam_role",
            "aws_iam_role_policy",
            "aws_s3_bucket",
            "aws_s3_bucket_ownership_controls",
            "aws_s3_bucket_policy",
            "aws_s3_bucket_public_access_block",
            "aws_s3_bucket_server_side_encryption_configuration",
            "aws_s3_bucket_versioning",
          ].map((type) => `create ${type}.cloudtrail`),
        ],
      }),
  },
];

// Day-2 cases (the harness and shared configs: __tests__/support/day2-matrix.ts): rules.
describeDay2("rules", RULE_CASES);
