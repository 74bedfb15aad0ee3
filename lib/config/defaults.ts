import { DEFAULT_SCANNERS } from "../model/scanner-ids";
import { CHATBOT_REGIONS, DEFAULT_REGIONS, SecurityHubStandard, defaultRegionsOf, partitionOf } from "../model/aws-facts";
import { hasOwn, isPlainObject } from "../source/plain-data";
import { FieldPath } from "../source/yaml-source";

/**
 * Every default of a deployment config, declared once, in the config's own spelling. The
 * builders never fall back to these themselves: they ask for a setting's value
 * (AccountSettings.value, documentSetting), and accountDefault / documentDefault below find
 * its default here. The JSON Schema states them (`default:`), so editors show them on hover;
 * the configuration reference in docs/configuration.md is rendered from that schema. A default
 * that depends on other settings (names built from `name_prefix`) is described in
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

/** What a default may read of the account it is for: its other settings, merged and defaulted. */
export interface AccountSettingsReader {
  get<T>(path: FieldPath): T | undefined;
  value<T>(path: FieldPath): T;
}

/** Groups of DEFAULTS that are not an account's settings at that path (the alarm's are layered by layerAlarm). */
const NOT_AT_THEIR_PATH = new Set(["alarm", "override", "topic", "chatbot", "organization_trail", "backend_s3", "backend_cloud", "pack"]);

/** Where in an account's settings those groups apply (`*`: any topic key or rule id). */
const ACCOUNT_GROUPS: readonly (readonly [string, object])[] = [
  ["topics.*", DEFAULTS.topic],
  ["topics.*.chatbot", DEFAULTS.chatbot],
  ["overrides.*", DEFAULTS.override],
];

/** Where in a config (or, `pack`, a rule pack) the config-wide groups apply. */
const DOCUMENT_GROUPS: readonly (readonly [string, object])[] = [
  ["organization_trail", DEFAULTS.organization_trail],
  ["backend.s3", DEFAULTS.backend_s3],
  ["backend.cloud", DEFAULTS.backend_cloud],
  ["pack", DEFAULTS.pack],
];

/** The default of `<group path>.<key>` from the group that applies there, if any. */
function fromGroups(pattern: string, groups: readonly (readonly [string, object])[]): unknown {
  for (const [at, group] of groups) {
    const key = pattern.startsWith(`${at}.`) ? pattern.slice(at.length + 1) : undefined;
    if (key !== undefined && !key.includes(".")) {
      const value = dig(group, [key]);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/**
 * The built-in default of an account's setting at `path` (relative to the account, in the
 * config's spelling), or undefined when it has none. Static defaults are DEFAULTS at the same
 * path, or in the group that applies there (ACCOUNT_GROUPS); the rest are computed from the
 * account's other settings. The one place an account's settings fall back to built-in values.
 */
export function accountDefault(path: FieldPath, account: AccountSettingsReader): unknown {
  const pattern = path.map((step, index) => (index === 1 && (path[0] === "topics" || path[0] === "overrides") ? "*" : String(step))).join(".");
  const prefix = () => account.value<string>(["name_prefix"]);
  const homeRegion = () => account.get<string>(["region"])!;
  switch (pattern) {
    case "regions":
      return defaultRegionsOf(partitionOf(homeRegion()));
    case "topics.*.name":
      return DERIVED_DEFAULTS.topicName(prefix(), String(path[1]));
    case "topics.*.chatbot.region":
      // Chatbot answers in a few regions only: the home region when it is one of them.
      return (CHATBOT_REGIONS as readonly string[]).includes(homeRegion()) ? homeRegion() : CHATBOT_REGIONS[0];
    case "overrides.*.filter_name":
      return DERIVED_DEFAULTS.filterName(prefix(), String(path[1]));
    case "overrides.*.alarm_name":
      return DERIVED_DEFAULTS.alarmName(prefix(), String(path[1]));
    case "access_analyzer.name":
      return DERIVED_DEFAULTS.analyzerName(prefix());
    case "cloudtrail.trail_name":
      return DERIVED_DEFAULTS.trailName(prefix());
    case "cloudtrail.role_name":
      return DERIVED_DEFAULTS.trailRole(prefix());
    case "cloudtrail.bucket_name":
      // Without the account id the name cannot be right; build-account reports that at cloudtrail.create.
      return DERIVED_DEFAULTS.trailBucket(prefix(), account.get<string>(["id"]) ?? "unknown");
    case "dashboard.name":
      return DERIVED_DEFAULTS.dashboardName(prefix());
  }
  if (NOT_AT_THEIR_PATH.has(String(path[0]))) return undefined;
  return fromGroups(pattern, ACCOUNT_GROUPS) ?? dig(DEFAULTS, path);
}

/**
 * The built-in default of a config-wide setting (organization_trail, backend) at its path in
 * the config, or of a rule pack's (`pack.<key>`).
 */
export function documentDefault(path: FieldPath): unknown {
  return fromGroups(path.join("."), DOCUMENT_GROUPS);
}

/** A config-wide setting: the mapping's own value at the path's last key, else its built-in default. */
export function documentSetting<T>(mapping: object, path: FieldPath): T {
  const written = (mapping as Readonly<Record<string, unknown>>)[String(path[path.length - 1])];
  if (written !== undefined) return written as T;
  const fallback = documentDefault(path);
  if (fallback === undefined) throw new Error(`${path.join(".")} has no built-in default (lib/config/defaults.ts)`);
  return fallback as T;
}

function dig(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const step of path) current = isPlainObject(current) && hasOwn(current, step) ? current[step] : undefined;
  return current;
}
