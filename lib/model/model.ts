import type { FilterVariant } from "./filter-variant";
import type { ScannerId } from "./scanner-ids";
import type { SecurityHubStandard } from "./aws-facts";
/**
 * The typed, validated model every later stage reads. It is plain data: no cdktf, no
 * provider, no YAML. Loaders build it once (and reject bad input while doing so); the
 * stacks, the pattern tester and the alarm simulator only read it.
 */
import type { Partition } from "./aws-facts";
import type { StackNames } from "./stack-names";

export const SEVERITIES = ["critical", "high", "medium", "low", "informational"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATISTICS = ["Sum", "Maximum", "Minimum", "Average", "SampleCount"] as const;
export type Statistic = (typeof STATISTICS)[number];

import type { Comparison } from "./alarm-comparisons";

export const MISSING_DATA = ["missing", "ignore", "breaching", "notBreaching"] as const;
export type TreatMissingData = (typeof MISSING_DATA)[number];

/** Where a value was written, so checks after loading can still point at the line. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly field: string;
}

export interface RuleReferences {
  readonly cisV120?: string;
  readonly cisV140?: string;
  readonly securityHub?: string;
  readonly source?: string;
}

/** One piece of rule evidence: a CloudTrail record the pattern must (not) match. */
export interface RuleExample {
  /** The record's file name without .json, as the pack lists it. */
  readonly name: string;
  /** The record's file, found in one of the pack's evidence folders. */
  readonly file: string;
  /** Where the pack lists it. */
  readonly source: SourceRef;
}

export interface RuleExamples {
  readonly match: readonly RuleExample[];
  readonly noMatch: readonly RuleExample[];
}

/** A rule as its pack defines it, before any deployment setting applies. */
export interface RuleDefinition {
  readonly id: string;
  readonly pack: string;
  readonly title: string;
  readonly description: string;
  readonly references: RuleReferences;
  readonly severity: Severity;
  readonly pattern: string;
  readonly metricName: string;
  readonly alarm: Partial<AlarmSettings>;
  readonly examples: RuleExamples;
  /** What the pattern misses although it matters (shown in rules/RULES.md). */
  readonly gaps: readonly string[];
  readonly source: SourceRef;
  /** Where the pattern text sits, for errors that point inside it. */
  readonly patternSource: SourceRef;
}

export interface AlarmSettings {
  readonly period: number;
  readonly statistic: Statistic;
  readonly comparison: Comparison;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
  /** When false the alarm is a deliberate rate alarm that needs several events; it must still be able to fire. */
  readonly singleEvent: boolean;
}

/** A rule as one account deploys it: names, metric and alarm resolved, routed to one topic. */
export interface DeployedRule {
  readonly id: string;
  readonly definition: RuleDefinition;
  readonly filterName: string;
  readonly metricName: string;
  readonly namespace: string;
  readonly metricValue: string;
  readonly defaultValue: number | undefined;
  readonly alarmName: string;
  readonly alarmDescription: string;
  readonly alarm: AlarmSettings;
  readonly topic: string;
  /** The rule's previous id, when it was renamed: its resources move instead of being replaced. */
  readonly movedFrom?: string;
  /** Under an organization trail, when asked: the same events alarmed on account by account. */
  readonly perAccount?: PerAccountAlarms;
  /** The rule's own filter's metric value: "0" when a widening scanner variant counts instead. */
  readonly filterValue: string;
  /**
   * The rule's own filter's pattern: the definition's, or Trivy's own spelling of it (the
   * same events; rules/scanners/trivy.yaml) when another filter must carry Trivy's string.
   */
  readonly filterPattern: string;
  /** Extra filters on the same metric for the selected compliance scanners (lib/scanners/plan-variants.ts). */
  readonly variants: readonly FilterVariant[];
  /** The pattern whose events the metric counts; a per-account filter uses it. */
  readonly countingPattern: string;
}

/**
 * A second filter with the rule's pattern publishes a metric with a RecipientAccount
 * dimension (the event's recipientAccountId), and each account gets an alarm on its own
 * dimension value; the rule's own alarm still covers every account. A metric with
 * dimensions cannot have a default value, so quiet periods are missing data.
 */
export interface PerAccountAlarms {
  readonly filterName: string;
  readonly metricName: string;
  readonly dimension: { readonly name: string; readonly selector: string };
  readonly alarms: readonly PerAccountAlarm[];
}

export interface PerAccountAlarm {
  readonly account: SourceAccount;
  readonly alarmName: string;
  readonly alarmDescription: string;
}

export const SUBSCRIPTION_PROTOCOLS = ["email", "email-json", "https", "sqs", "lambda", "sms", "firehose"] as const;
export type SubscriptionProtocol = (typeof SUBSCRIPTION_PROTOCOLS)[number];

export interface Subscription {
  readonly protocol: SubscriptionProtocol;
  readonly endpoint: string;
  /** firehose only: the role SNS assumes to write to the stream. */
  readonly roleArn?: string;
  /** Stable logical-id suffix derived from protocol and endpoint (https: the host and a hash, never the path). */
  readonly key: string;
  /** The suffix version 0.1 gave it, when different: a `moved` block keeps the subscription. */
  readonly legacyKey?: string;
}

export type TopicEncryption =
  | { readonly kind: "none" }
  /** The stack creates a customer-managed key (rotation on) whose policy lets CloudWatch use it. */
  | { readonly kind: "create-key" }
  /** An existing customer-managed key; its policy must already allow CloudWatch. */
  | { readonly kind: "existing-key"; readonly keyArn: string };

export interface Topic {
  /** The key in the config's `topics` map; logical ids derive from it. */
  readonly key: string;
  readonly name: string;
  readonly displayName?: string;
  readonly severities: readonly Severity[];
  readonly okActions: boolean;
  readonly encryption: TopicEncryption;
  readonly subscriptions: readonly Subscription[];
  /** The topic's previous key, when it was renamed: its resources move instead of being replaced. */
  readonly movedFrom?: string;
  /** A Slack or Microsoft Teams channel AWS Chatbot posts the topic's notifications to. */
  readonly chatbot?: ChatbotChannel;
}

export type ChatbotChannel = {
  /** The configuration's name, also its role's (`<topic name>-chatbot`) and, with -guardrail, its guardrail policy's. */
  readonly name: string;
  /** Where the Chatbot configuration is made: Chatbot's API answers in a few regions only. */
  readonly region: string;
  readonly loggingLevel: "ERROR" | "INFO" | "NONE";
} & (
  | { readonly kind: "slack"; readonly teamId: string; readonly channelId: string }
  | { readonly kind: "teams"; readonly tenantId: string; readonly teamId: string; readonly channelId: string }
);

/**
 * How an account's CloudTrail events are monitored. "local": its own trail's log group, in
 * this account. "central": the organization trail's log group, in this account, covering
 * every account. "none": another account watches its events centrally (no filters, no
 * alarms, no topics here).
 */
export type Monitoring = "local" | "central" | "none";

export interface OrganizationTrail {
  /** The account whose log group the organization trail writes to. */
  readonly account: string;
  readonly logGroup: string;
  readonly controlTower: boolean;
  /** Rules that also alarm per source account (a metric dimension on recipientAccountId). */
  readonly perAccountAlarms: readonly string[];
}

/** An account whose events a per-account alarm watches. */
export interface SourceAccount {
  readonly name: string;
  readonly id: string;
}

export type LogGroup =
  | {
      readonly mode: "existing";
      /** The group's name, or, with namePrefix, what it is called in messages. */
      readonly name: string;
      readonly lookup: boolean;
      /** Looked up as the one group whose name starts with this (Control Tower's, whatever the landing zone version). */
      readonly namePrefix?: string;
    }
  | { readonly mode: "create"; readonly name: string; readonly retentionDays: number; readonly kmsKeyArn?: string };

export interface AccessAnalyzerSettings {
  readonly enabled: boolean;
  /**
   * Adopt analyzers that already exist (created by hand, or by 0.1 of this project, which
   * kept them in the account stack): the regional stack imports them by name and the
   * account stack forgets its old copies without deleting them.
   */
  readonly importExisting: boolean;
  readonly type: "ACCOUNT" | "ORGANIZATION";
  readonly name: string;
  /** Also create an unused-access analyzer (a paid feature) with this age in days. */
  readonly unusedAccessAgeDays?: number;
}

export interface PasswordPolicy {
  readonly enabled: boolean;
  readonly minimumLength: number;
  readonly reusePrevention: number;
  readonly requireUppercase: boolean;
  readonly requireLowercase: boolean;
  readonly requireNumbers: boolean;
  readonly requireSymbols: boolean;
  readonly allowUsersToChange: boolean;
  /**
   * Days before a password expires.
   * @default passwords never expire
   */
  readonly maxAgeDays?: number;
  /** Whether an expired password can only be reset by an administrator (applies only with maxAgeDays). */
  readonly hardExpiry: boolean;
}

export interface TrailSettings {
  readonly name: string;
  readonly bucketName: string;
  readonly roleName: string;
  readonly kmsKeyArn?: string;
}

/** Where every stack keeps its state: one S3 object per stack, or one HCP Terraform / Terraform Enterprise workspace per stack. */
export type StateBackend = S3Backend | CloudBackend;

export interface CloudBackend {
  readonly kind: "cloud";
  /** app.terraform.io for HCP Terraform; a Terraform Enterprise installation's own host. */
  readonly hostname: string;
  readonly organization: string;
  readonly project?: string;
  /** A stack's workspace is this prefix and the stack's name. */
  readonly workspacePrefix: string;
}

export interface S3Backend {
  readonly kind: "s3";
  readonly bucket: string;
  readonly keyPrefix: string;
  readonly region: string;
  readonly dynamodbTable?: string;
  readonly useLockfile: boolean;
  readonly encrypt: boolean;
  readonly roleArn?: string;
}

/** Everything one account's stacks need. */
export interface AccountModel {
  /** The stable base of every derived name, stack names included. */
  readonly name: string;
  readonly stacks: StackNames;
  /**
   * Being retired: both stacks keep their providers and state but declare no resources, so
   * the next plan destroys everything they manage. Remove the account once that is applied.
   */
  readonly decommission: boolean;
  readonly monitoring: Monitoring;
  /** The scanners whose checks the filters are made to pass. */
  readonly scanners: readonly ScannerId[];
  /** CIS 4.16: Security Hub in every listed region (regional stack). */
  readonly securityHub: { readonly enabled: boolean; readonly standards: readonly SecurityHubStandard[] };
  readonly accountId?: string;
  readonly region: string;
  readonly partition: Partition;
  readonly roleArn?: string;
  readonly tags: Readonly<Record<string, string>>;
  /** The log group the filters go on; none when another account monitors this one's events. */
  readonly logGroup?: LogGroup;
  readonly namespace: string;
  readonly rules: readonly DeployedRule[];
  readonly topics: readonly Topic[];
  readonly regions: readonly string[];
  readonly accessAnalyzer: AccessAnalyzerSettings;
  readonly passwordPolicy: PasswordPolicy;
  readonly trail?: TrailSettings;
  readonly pipeline: PipelineAccess;
  /** The baseline's CloudWatch dashboard; none when off, or when another account monitors this one's events. */
  readonly dashboard?: Dashboard;
}

/** A CloudWatch dashboard of the baseline's alarms, in the home region (config: dashboard). */
export interface Dashboard {
  readonly name: string;
}

/** How the generated CI pipeline reaches an account (config: pipeline). */
export interface PipelineAccess {
  /** The role its jobs assume by OIDC; none: the account is not set up for a pipeline. */
  readonly roleArn?: string;
  /** Where the role is written, or where it would go. */
  readonly where: SourceRef;
}

export interface Model {
  readonly organizationTrail?: OrganizationTrail;
  readonly accounts: readonly AccountModel[];
  readonly backend?: StateBackend;
  /** Non-fatal notices to print at synth (e.g. an explicitly allowed weak password policy). */
  readonly warnings: readonly string[];
}
