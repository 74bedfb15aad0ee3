import { DEFAULT_SCANNERS } from "../model/scanner-ids";
import { SecurityHubStandard } from "../model/aws-facts";
import { DEFAULT_REGIONS } from "../model/aws-facts";

/**
 * Every default of a deployment config, declared once, in the config's own spelling. The
 * builders fall back to these; the JSON Schema states them (`default:`), so editors show
 * them on hover; the configuration reference in docs/configuration.md is rendered from that schema. A
 * default that depends on other settings (names built from `name_prefix`) is described in
 * DERIVED_DEFAULTS instead.
 */
export const DEFAULTS = {
  name_prefix: "cis-",
  namespace: "LogMetrics",
  organization_role: "member",
  decommission: false,
  regions: DEFAULT_REGIONS as readonly string[],
  rules: { enable: ["pack:cis"] as readonly string[], disable: [] as readonly string[] },
  alarm: {
    period: 300,
    statistic: "Sum",
    comparison: "GreaterThanOrEqualToThreshold",
    threshold: 1,
    evaluation_periods: 1,
    datapoints_to_alarm: 1,
    treat_missing_data: "notBreaching",
    single_event: true,
  },
  override: { metric_value: "1", default_value: 0 },
  log_group: { name: "CloudTrail/DefaultLogGroup", mode: "existing", lookup: true, retention_days: 365 },
  topic: { ok_actions: true, kms: "none" },
  access_analyzer: { enabled: true, type: "ACCOUNT", import_existing: false },
  password_policy: {
    enabled: true,
    minimum_length: 14,
    reuse_prevention: 24,
    require_uppercase: true,
    require_lowercase: true,
    require_numbers: true,
    require_symbols: true,
    allow_users_to_change: true,
    hard_expiry: false,
    allow_weaker: false,
  },
  cloudtrail: { create: false },
  chatbot: { logging_level: "ERROR" },
  organization_trail: { control_tower: false, per_account_alarms: [] as readonly string[] },
  compliance: { scanners: DEFAULT_SCANNERS },
  security_hub: { enabled: false, standards: ["cis-1.2.0"] as readonly SecurityHubStandard[] },
  dashboard: { enabled: false },
  backend_s3: { key_prefix: "cis-baseline", encrypt: true },
  backend_cloud: { hostname: "app.terraform.io", workspace_prefix: "cis-baseline-" },
  pack: { evidence: ["evidence"] as readonly string[] },
} as const;

/** Defaults computed from other settings, as the schema and the configuration reference describe them. */
export const DERIVED_DEFAULTS = {
  filterName: (prefix: string, ruleId: string) => `${prefix}${ruleId}`,
  alarmName: (prefix: string, ruleId: string) => `${prefix}${ruleId}`,
  topicName: (prefix: string, topicKey: string) => `${prefix}${topicKey}`,
  analyzerName: (prefix: string) => `${prefix}access-analyzer`,
  trailName: (prefix: string) => `${prefix}trail`,
  trailBucket: (prefix: string, accountId: string) => `${prefix}cloudtrail-${accountId}`.toLowerCase(),
  trailRole: (prefix: string) => `${prefix}cloudtrail-to-cloudwatch`,
  chatbotName: (topicName: string) => `${topicName}-chatbot`,
  dashboardName: (prefix: string) => `${prefix}baseline`,
  /** Per-account alarms (organization_trail.per_account_alarms) take their names from the rule's. */
  perAccountFilterName: (filterName: string) => `${filterName}-by-account`,
  perAccountMetricName: (metricName: string) => `${metricName}ByAccount`,
  perAccountAlarmName: (alarmName: string, accountName: string) => `${alarmName}-${accountName}`,
} as const;
