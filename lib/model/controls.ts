import { ScannerId } from "./scanner-ids";

/**
 * The controls the compliance report lists: the CIS monitoring section (one rule each) and
 * the CloudWatch and Security Hub controls that hold for the whole stack. Numbers are the
 * CIS AWS Foundations Benchmark's (section 3 in v1.2.0, section 4 from v1.4.0 to v5.0.0,
 * section 5 from v6.0.0; the security hub control from v1.5.0) and Security Hub's control
 * ids; `checks` names the scanner checks of the stack-wide controls. The numbers are held
 * to Prowler's CIS compliance files (v1.4.0-v7.0.0) and the Steampipe mod's CIS benchmarks
 * (v1.2.0-v6.0.0) by __tests__/compliance/cis-numbers.test.ts.
 */
export const CIS_VERSIONS = ["1.2.0", "1.4.0", "1.5.0", "2.0.0", "3.0.0", "4.0.1", "5.0.0", "6.0.0", "7.0.0"] as const;
export type CisVersion = (typeof CIS_VERSIONS)[number];

export interface ControlInfo {
  readonly id: string;
  readonly title: string;
  readonly securityHub?: string;
  /** The control's number in each benchmark version that has it. */
  readonly cis: Readonly<Partial<Record<CisVersion, string>>>;
  /** A monitoring rule's control (its id is the rule id), or a stack-wide check. */
  readonly kind: "rule" | "security-hub-enabled" | "alarm-actions" | "log-group-retention" | "alarm-actions-enabled";
  /** Stack-wide controls: each scanner's check for it (a scanner without one shows no cell). */
  readonly checks?: Partial<Record<ScannerId, string>>;
}

/** A monitoring control: 3.n in v1.2.0 (when it was there), 4.n from v1.4.0 to v5.0.0, 5.n from v6.0.0. */
function monitoring(v12: string | undefined, n: number): ControlInfo["cis"] {
  const section = (major: number) => `${major}.${n}`;
  return {
    ...(v12 === undefined ? {} : { "1.2.0": v12 }),
    "1.4.0": section(4),
    "1.5.0": section(4),
    "2.0.0": section(4),
    "3.0.0": section(4),
    "4.0.1": section(4),
    "5.0.0": section(4),
    "6.0.0": section(5),
    "7.0.0": section(5),
  };
}

export const CONTROLS: readonly ControlInfo[] = [
  { id: "unauthorized-api-calls", title: "Unauthorized API calls", securityHub: "CloudWatch.2", cis: monitoring("3.1", 1), kind: "rule" },
  { id: "console-signin-without-mfa", title: "Console sign-in without MFA", securityHub: "CloudWatch.3", cis: monitoring("3.2", 2), kind: "rule" },
  { id: "root-account-usage", title: "Root user activity", securityHub: "CloudWatch.1", cis: monitoring("3.3", 3), kind: "rule" },
  { id: "iam-policy-changes", title: "IAM policy changes", securityHub: "CloudWatch.4", cis: monitoring("3.4", 4), kind: "rule" },
  { id: "cloudtrail-changes", title: "CloudTrail configuration changes", securityHub: "CloudWatch.5", cis: monitoring("3.5", 5), kind: "rule" },
  { id: "console-authentication-failures", title: "Console authentication failures", securityHub: "CloudWatch.6", cis: monitoring("3.6", 6), kind: "rule" },
  {
    id: "cmk-disable-or-deletion",
    title: "KMS key disabled or scheduled for deletion",
    securityHub: "CloudWatch.7",
    cis: monitoring("3.7", 7),
    kind: "rule",
  },
  { id: "s3-bucket-policy-changes", title: "S3 bucket policy changes", securityHub: "CloudWatch.8", cis: monitoring("3.8", 8), kind: "rule" },
  { id: "config-changes", title: "AWS Config changes", securityHub: "CloudWatch.9", cis: monitoring("3.9", 9), kind: "rule" },
  { id: "security-group-changes", title: "Security group changes", securityHub: "CloudWatch.10", cis: monitoring("3.10", 10), kind: "rule" },
  { id: "nacl-changes", title: "Network ACL changes", securityHub: "CloudWatch.11", cis: monitoring("3.11", 11), kind: "rule" },
  { id: "network-gateway-changes", title: "Network gateway changes", securityHub: "CloudWatch.12", cis: monitoring("3.12", 12), kind: "rule" },
  { id: "route-table-changes", title: "Route table changes", securityHub: "CloudWatch.13", cis: monitoring("3.13", 13), kind: "rule" },
  { id: "vpc-changes", title: "VPC changes", securityHub: "CloudWatch.14", cis: monitoring("3.14", 14), kind: "rule" },
  { id: "organizations-changes", title: "AWS Organizations changes", cis: monitoring(undefined, 15), kind: "rule" },
  {
    id: "security-hub-enabled",
    title: "AWS Security Hub enabled",
    cis: { "1.5.0": "4.16", "2.0.0": "4.16", "3.0.0": "4.16", "4.0.1": "4.16", "5.0.0": "4.16", "6.0.0": "5.16", "7.0.0": "5.16" },
    kind: "security-hub-enabled",
    checks: { prowler: "securityhub_enabled", steampipe: "securityhub_enabled" },
  },
  {
    id: "alarm-actions",
    title: "Alarms have actions for the ALARM state",
    securityHub: "CloudWatch.15",
    cis: {},
    kind: "alarm-actions",
    checks: { "security-hub": "CloudWatch.15", prowler: "cloudwatch_alarm_actions_alarm_state_configured", steampipe: "cloudwatch_alarm_action_enabled" },
  },
  {
    id: "log-group-retention",
    title: "Log groups kept at least 365 days",
    securityHub: "CloudWatch.16",
    cis: {},
    kind: "log-group-retention",
    checks: {
      "security-hub": "CloudWatch.16",
      prowler: "cloudwatch_log_group_retention_policy_specific_days_enabled",
      steampipe: "cloudwatch_log_group_retention_period_365",
    },
  },
  {
    id: "alarm-actions-enabled",
    title: "Alarm actions activated",
    securityHub: "CloudWatch.17",
    cis: {},
    kind: "alarm-actions-enabled",
    checks: { "security-hub": "CloudWatch.17", prowler: "cloudwatch_alarm_actions_enabled", steampipe: "cloudwatch_alarm_action_enabled_check" },
  },
];

/** Security Hub CloudWatch.16's default minimum retention (minRetentionTime), which Prowler and Steampipe share. */
export const MIN_RETENTION_DAYS = 365;
