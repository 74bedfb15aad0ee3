import { didYouMean } from "../source/did-you-mean";

/**
 * Facts about AWS that synth checks against: name rules, limits and the region list.
 * Each comes from the AWS API reference or user guide named beside it.
 */

/** Regions enabled by default in a standard (commercial) account: no opt-in needed. */
export const DEFAULT_REGIONS = [
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ca-central-1",
  "eu-central-1",
  "eu-north-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
] as const;

/** Regions an account must opt into first; a provider for one that is not enabled fails at plan. */
export const OPT_IN_REGIONS = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-west-1",
  "eu-central-2",
  "eu-south-1",
  "eu-south-2",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
] as const;

/** Separate partitions: each needs its own credentials and account. */
export const OTHER_PARTITION_REGIONS = ["cn-north-1", "cn-northwest-1", "us-gov-east-1", "us-gov-west-1"] as const;

export const KNOWN_REGIONS: readonly string[] = [...DEFAULT_REGIONS, ...OPT_IN_REGIONS, ...OTHER_PARTITION_REGIONS];

/** Why a region name is not one: unknown, with a suggestion; undefined when known. */
export function regionProblem(region: string): string | undefined {
  return KNOWN_REGIONS.includes(region) ? undefined : `unknown AWS region ${JSON.stringify(region)}${didYouMean(region, KNOWN_REGIONS)}`;
}

export type Partition = "aws" | "aws-cn" | "aws-us-gov";

export function partitionOf(region: string): Partition {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/**
 * Regional resources are planned in groups of regions, one stack each, because terraform
 * starts one provider process per region in use, all at once. Measured (summed PSS, the
 * provider binary just written by `terraform init` as on a runner): terraform 120-220 MB,
 * the provider binary's pages 470-560 MB (shared by a plan's provider processes, and
 * dropped and read again under a memory limit), and 60-140 MB of heap for each provider
 * process; so the 17 default regions at once need 2.1 GB, a group of four 0.98-1.03 GB and
 * a group of three 0.86-0.96 GB. Groups hold at most three of the default regions, so every
 * plan stays under 1 GB: the United States but N. California (and the whole of the China or
 * GovCloud partition); the rest of the Americas with N. California; western and southern
 * Europe; central and northern Europe with the Middle East and Africa; north-east Asia;
 * south and south-east Asia with Oceania (3, 3, 3, 2, 3 and 3 default regions). A region
 * changes group only with an upgrade entry in docs/day-2.md and a day-2 test of the
 * access_analyzer.import_existing handover (us-west-1 left the first group this way). "" names the first group, whose stack keeps
 * the name every account's regional stack had before groups (`<account>-regions`).
 */
export const REGION_GROUPS = ["", "americas", "europe", "emea", "apac", "apac-south"] as const;
export type RegionGroup = (typeof REGION_GROUPS)[number];

export function regionGroupOf(region: string): RegionGroup {
  if (partitionOf(region) !== "aws") return "";
  if (region === "us-west-1" || /^(ca|sa|mx)-/.test(region)) return "americas";
  if (region.startsWith("us-")) return "";
  if (/^eu-(west|south)-/.test(region)) return "europe";
  if (/^(eu|il|me|af)-/.test(region)) return "emea";
  if (/^ap-(northeast|east)-/.test(region)) return "apac";
  return "apac-south";
}

/** The groups a partition's regions fall in. */
export function regionGroupsOf(partition: Partition): RegionGroup[] {
  return REGION_GROUPS.filter((group) => regionsOfPartition(partition).some((region) => regionGroupOf(region) === group));
}

/**
 * The regions an account gets analyzers in when its config lists none: the commercial
 * partition's default-enabled regions, or every region of the China or GovCloud partition.
 */
export function defaultRegionsOf(partition: Partition): readonly string[] {
  return partition === "aws" ? DEFAULT_REGIONS : regionsOfPartition(partition);
}

/** Every known region of a partition, sorted: default-enabled and opt-in alike. */
export function regionsOfPartition(partition: Partition): string[] {
  return KNOWN_REGIONS.filter((region) => partitionOf(region) === partition).sort();
}

/** Regions where the AWS Chatbot API answers (Chatbot API reference); the configurations are global. */
export const CHATBOT_REGIONS = ["us-east-2", "us-west-2", "ap-southeast-1", "eu-west-1"] as const;

/**
 * Security Hub's CIS standards and their ARNs: v1.2.0 is a global ruleset, later versions
 * are regional standards (Security Hub user guide, "Standards reference").
 */
export const SECURITY_HUB_CIS_STANDARDS = {
  "cis-1.2.0": (partition: string) => `arn:${partition}:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0`,
  "cis-1.4.0": (partition: string, region: string) => `arn:${partition}:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/1.4.0`,
  "cis-3.0.0": (partition: string, region: string) => `arn:${partition}:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/3.0.0`,
} as const;
export type SecurityHubStandard = keyof typeof SECURITY_HUB_CIS_STANDARDS;

/**
 * AWS Control Tower's CloudWatch Logs group for its organization trail, in the management
 * account. Landing zone 4.0 appends a random suffix (aws-controltower/CloudTrailLogs-tfw-qeb):
 * the name is the group's name before 4.0, and the prefix of every version's.
 */
export const CONTROL_TOWER_LOG_GROUP = "aws-controltower/CloudTrailLogs";

/** Hosts of chat webhooks that cannot confirm an SNS subscription (they never visit the SubscribeURL). */
export const CHAT_WEBHOOK_HOSTS = [/^hooks\.slack\.com$/i, /\.webhook\.office\.com$/i, /^outlook\.office(365)?\.com$/i];

export const LIMITS = {
  /** CloudWatch Logs PutMetricFilter: filterName 1-512, pattern [^:*]* */
  filterName: { max: 512, forbidden: /[:*]/ },
  /** CloudWatch Logs MetricTransformation: metricName and metricNamespace up to 255, pattern [^:*$]* */
  metricName: { max: 255, forbidden: /[:*$]/ },
  /** CloudWatch Logs quota: metric filters per log group (not adjustable). */
  filtersPerLogGroup: 100,
  /** CloudWatch Logs quota: metric filters whose pattern uses a regular expression, per log group. */
  regexFiltersPerLogGroup: 5,
  /** CloudWatch PutMetricAlarm: AlarmName 1-255, AlarmDescription 0-1024. */
  alarmName: { max: 255 },
  alarmDescription: { max: 1024 },
  /** Alarms on standard-resolution metrics (metric filters emit these): period is a multiple of 60. */
  periodMultiple: 60,
  /** EvaluationPeriods x Period may not exceed one day. */
  evaluationWindowSeconds: 86_400,
  /** SNS CreateTopic: 1-256 characters, letters, digits, hyphens and underscores. */
  topicName: { max: 256, pattern: /^[A-Za-z0-9_-]+$/ },
  /** SNS DisplayName for SMS: up to 100 characters. */
  topicDisplayName: { max: 100 },
  /** CloudWatch PutDashboard: DashboardName up to 255 letters, digits, - and _; a body holds 0-500 widgets. */
  dashboardName: { max: 255, pattern: /^[A-Za-z0-9_-]+$/ },
  dashboardWidgets: 500,
  /** CloudWatch dashboard body structure: an alarm status widget lists at most 100 alarms. */
  alarmsPerStatusWidget: 100,
} as const;
