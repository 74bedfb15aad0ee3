import { ScannerId } from "./scanner-ids";

/**
 * The controls the compliance report lists: the CIS monitoring section (one rule each) and
 * the CloudWatch and Security Hub controls that hold for the whole stack. Numbers are the
 * CIS AWS Foundations Benchmark's (section 3 in v1.2.0, section 4 from v1.4.0) and Security
 * Hub's control ids; `checks` names the scanner checks of the stack-wide controls.
 */
export interface ControlInfo {
  readonly id: string;
  readonly title: string;
  readonly securityHub?: string;
  readonly cis: { readonly "1.2.0"?: string; readonly "1.4.0"?: string; readonly "1.5.0"?: string; readonly "3.0.0"?: string };
  /** A monitoring rule's control (its id is the rule id), or a stack-wide check. */
  readonly kind: "rule" | "security-hub-enabled" | "alarm-actions" | "log-group-retention" | "alarm-actions-enabled";
  /** Stack-wide controls: each scanner's check for it (a scanner without one shows no cell). */
  readonly checks?: Partial<Record<ScannerId, string>>;
}

const section4 = (v12: string | undefined, v14: string) => ({ "1.2.0": v12, "1.4.0": v14, "1.5.0": v14, "3.0.0": v14 });

export const CONTROLS: readonly ControlInfo[] = [
  { id: "unauthorized-api-calls", title: "Unauthorized API calls", securityHub: "CloudWatch.2", cis: section4("3.1", "4.1"), kind: "rule" },
  { id: "console-signin-without-mfa", title: "Console sign-in without MFA", securityHub: "CloudWatch.3", cis: section4("3.2", "4.2"), kind: "rule" },
  { id: "root-account-usage", title: "Root user activity", securityHub: "CloudWatch.1", cis: section4("3.3", "4.3"), kind: "rule" },
  { id: "iam-policy-changes", title: "IAM policy changes", securityHub: "CloudWatch.4", cis: section4("3.4", "4.4"), kind: "rule" },
  { id: "cloudtrail-changes", title: "CloudTrail configuration changes", securityHub: "CloudWatch.5", cis: section4("3.5", "4.5"), kind: "rule" },
  { id: "console-authentication-failures", title: "Console authentication failures", securityHub: "CloudWatch.6", cis: section4("3.6", "4.6"), kind: "rule" },
  {
    id: "cmk-disable-or-deletion",
    title: "KMS key disabled or scheduled for deletion",
    securityHub: "CloudWatch.7",
    cis: section4("3.7", "4.7"),
    kind: "rule",
  },
  { id: "s3-bucket-policy-changes", title: "S3 bucket policy changes", securityHub: "CloudWatch.8", cis: section4("3.8", "4.8"), kind: "rule" },
  { id: "config-changes", title: "AWS Config changes", securityHub: "CloudWatch.9", cis: section4("3.9", "4.9"), kind: "rule" },
  { id: "security-group-changes", title: "Security group changes", securityHub: "CloudWatch.10", cis: section4("3.10", "4.10"), kind: "rule" },
  { id: "nacl-changes", title: "Network ACL changes", securityHub: "CloudWatch.11", cis: section4("3.11", "4.11"), kind: "rule" },
  { id: "network-gateway-changes", title: "Network gateway changes", securityHub: "CloudWatch.12", cis: section4("3.12", "4.12"), kind: "rule" },
  { id: "route-table-changes", title: "Route table changes", securityHub: "CloudWatch.13", cis: section4("3.13", "4.13"), kind: "rule" },
  { id: "vpc-changes", title: "VPC changes", securityHub: "CloudWatch.14", cis: section4("3.14", "4.14"), kind: "rule" },
  { id: "organizations-changes", title: "AWS Organizations changes", cis: section4(undefined, "4.15"), kind: "rule" },
  {
    id: "security-hub-enabled",
    title: "AWS Security Hub enabled",
    cis: { "1.5.0": "4.16", "3.0.0": "4.16" },
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
