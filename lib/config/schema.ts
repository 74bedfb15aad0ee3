import { COMPARISONS, MISSING_DATA, SEVERITIES, STATISTICS } from "./model";
import { JsonSchema } from "./schema-validator";

/**
 * The JSON Schemas for deployment configs and rule packs. `npm run schema` writes them to
 * rules/schema/ for editors (YAML language server); synth validates with these same objects.
 */

const RULE_ID = "^[a-z0-9][a-z0-9-]{0,62}$";
const ruleIdDescription = "is not a valid rule id (lowercase letters, digits and hyphens, starting with a letter or digit)";

const alarmSettings: JsonSchema = {
  type: "object",
  description: "CloudWatch alarm settings. Every alarm must be able to fire on one matching event unless single_event is false.",
  additionalProperties: false,
  properties: {
    period: { type: "integer", minimum: 60, description: "Seconds per datapoint; a multiple of 60." },
    statistic: {
      enum: [...STATISTICS],
      description: "Sum counts matching events; Maximum is 1 when any matched. Average, Minimum and SampleCount also see the filter's default value, so synth refuses them when a default value is set.",
    },
    comparison: { enum: [...COMPARISONS] },
    threshold: { type: "number" },
    evaluation_periods: { type: "integer", minimum: 1 },
    datapoints_to_alarm: { type: "integer", minimum: 1, description: "M of the N evaluation periods that must breach." },
    treat_missing_data: { enum: [...MISSING_DATA] },
    single_event: {
      type: "boolean",
      description: "true (default): one matching event must be enough to fire. Set false for a rate alarm (e.g. 6 of 60 minutes); synth still checks it can fire at all.",
    },
  },
};

const ruleOverride: JsonSchema = {
  type: "object",
  description: "Per-rule settings for this deployment.",
  additionalProperties: false,
  properties: {
    filter_name: { type: "string", minLength: 1, description: "Metric filter name (default: name_prefix + rule id)." },
    metric_name: { type: "string", minLength: 1, description: "Metric name (default: the rule's)." },
    alarm_name: { type: "string", minLength: 1, description: "Alarm name (default: name_prefix + rule id)." },
    alarm_description: { type: "string", description: "Alarm description (default: the rule's title, references and description)." },
    topic: { type: "string", description: "Key of the topic this rule notifies, instead of routing by severity." },
    metric_value: { type: "string", minLength: 1, description: "Value the filter emits per match (default \"1\")." },
    default_value: {
      type: ["number", "null"],
      description: "Value emitted for events that do not match (default 0); null for none.",
    },
    alarm: { $ref: "#/$defs/alarm" },
    moved_from: {
      type: "string",
      pattern: RULE_ID,
      patternDescription: ruleIdDescription,
      description: "The rule's previous id: Terraform moves its filter and alarm instead of destroying and recreating them.",
    },
  },
};

const subscription: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["protocol", "endpoint"],
  properties: {
    protocol: { enum: ["email", "email-json", "https", "sqs", "lambda", "sms", "firehose"] },
    endpoint: {
      type: "string",
      minLength: 1,
      description: "E-mail address, https URL, SQS queue / Lambda function / Firehose stream ARN, or E.164 phone number.",
    },
    role_arn: { type: "string", description: "firehose only: IAM role SNS assumes to write to the stream." },
  },
};

const topic: JsonSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    name: { type: "string", description: "SNS topic name (default: name_prefix + the topic's key)." },
    display_name: { type: "string" },
    severities: {
      type: "array",
      uniqueItems: true,
      items: { enum: [...SEVERITIES] },
      description: "Rules of these severities notify this topic (unless a rule override names a topic).",
    },
    ok_actions: { type: "boolean", description: "Also notify when alarms return to OK (default true)." },
    kms: {
      type: "string",
      description: "Encryption at rest: \"none\" (default), \"create\" (a customer-managed key CloudWatch may use), or the ARN of an existing customer-managed key whose policy allows cloudwatch.amazonaws.com.",
    },
    subscriptions: { type: "array", items: { $ref: "#/$defs/subscription" } },
    moved_from: {
      type: "string",
      pattern: "^[a-z0-9][a-z0-9_-]*$",
      patternDescription: "must be lowercase letters, digits, - and _",
      description: "The topic's previous key: Terraform moves its resources instead of destroying and recreating them.",
    },
  },
};

const logGroup: JsonSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    name: { type: "string", description: "The CloudTrail log group (default CloudTrail/DefaultLogGroup)." },
    mode: { enum: ["existing", "create"], description: "existing (default): filters attach to a group that exists; create: the stack creates it." },
    lookup: {
      type: "boolean",
      description: "existing only: read the group with a data source so plan fails early when it is missing (default true; needs AWS credentials at plan).",
    },
    retention_days: {
      enum: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
      description: "create only: retention in days (default 365).",
    },
    kms_key_arn: { type: "string", description: "create only: KMS key for the log group." },
  },
};

const accessAnalyzer: JsonSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    enabled: { type: "boolean", description: "Create an IAM Access Analyzer in every listed region (default true)." },
    import_existing: {
      type: "boolean",
      description:
        "Adopt analyzers that already exist with this name: the <account>-regions stack imports them, and the account stack forgets the copies version 0.1 kept there (without deleting them). Set it for one apply, then remove it (default false).",
    },
    type: {
      enum: ["ACCOUNT", "ORGANIZATION"],
      description: "ORGANIZATION is valid only in the management or a delegated-administrator account (organization_role).",
    },
    name: { type: "string", description: "Analyzer name (default: name_prefix + \"access-analyzer\")." },
    unused_access_age_days: {
      type: "integer",
      minimum: 1,
      maximum: 365,
      description: "Also create an unused-access analyzer (a paid feature) reporting access unused for this many days.",
    },
  },
};

const passwordPolicy: JsonSchema = {
  type: "object",
  additionalProperties: false,
  description: "IAM account password policy. Defaults follow CIS (and Security Hub IAM.7 / IAM.15 / IAM.16).",
  properties: {
    enabled: { type: "boolean" },
    minimum_length: { type: "integer", minimum: 6, maximum: 128, description: "Default 14 (CIS)." },
    reuse_prevention: { type: "integer", minimum: 1, maximum: 24, description: "Default 24; Security Hub IAM.16 fails on any other value." },
    require_uppercase: { type: "boolean" },
    require_lowercase: { type: "boolean" },
    require_numbers: { type: "boolean" },
    require_symbols: { type: "boolean" },
    allow_users_to_change: { type: "boolean" },
    max_age_days: { type: "integer", minimum: 1, maximum: 1095 },
    hard_expiry: { type: "boolean" },
    allow_weaker: {
      type: "boolean",
      description: "Accept values weaker than CIS; synth then prints a warning for each.",
    },
  },
};

const cloudtrail: JsonSchema = {
  type: "object",
  additionalProperties: false,
  description: "Create the CloudTrail -> CloudWatch Logs wiring for accounts that lack it.",
  properties: {
    create: { type: "boolean", description: "Create a multi-region trail, its S3 bucket, the log group and the delivery role (default false)." },
    trail_name: { type: "string" },
    bucket_name: { type: "string", description: "Globally unique S3 bucket name (default: <name_prefix>cloudtrail-<account id>)." },
    role_name: { type: "string" },
    kms_key_arn: { type: "string", description: "KMS key for the trail's log files (optional)." },
  },
};

const SETTINGS: Record<string, JsonSchema> = {
  rules: {
    type: "object",
    additionalProperties: false,
    description: "Which rules are on.",
    properties: {
      enable: {
        type: "array",
        uniqueItems: true,
        items: { type: "string" },
        description: "\"all\", \"pack:<name>\" or rule ids (default [\"pack:cis\"]).",
      },
      disable: { type: "array", uniqueItems: true, items: { type: "string" }, description: "Rule ids to leave out." },
    },
  },
  overrides: {
    type: "object",
    description: "Per-rule settings, keyed by rule id.",
    propertyNames: { type: "string", pattern: RULE_ID, patternDescription: ruleIdDescription },
    additionalProperties: { $ref: "#/$defs/ruleOverride" },
  },
  namespace: { type: "string", minLength: 1, description: "CloudWatch metric namespace (default LogMetrics)." },
  name_prefix: {
    type: "string",
    pattern: "^[A-Za-z0-9_-]*$",
    patternDescription: "may hold only letters, digits, - and _ (it also prefixes SNS topic names)",
    description: "Prefix for generated names (default \"cis-\").",
  },
  alarm: { $ref: "#/$defs/alarm" },
  log_group: { $ref: "#/$defs/logGroup" },
  topics: {
    type: "object",
    description: "SNS topics, keyed by a stable name.",
    propertyNames: { type: "string", pattern: "^[a-z0-9][a-z0-9_-]*$", patternDescription: "must be lowercase letters, digits, - and _" },
    additionalProperties: { $ref: "#/$defs/topic" },
  },
  tags: {
    type: "object",
    description: "Tags on every resource (provider default_tags).",
    additionalProperties: { type: "string", maxLength: 256 },
  },
  regions: {
    type: "array",
    uniqueItems: true,
    minItems: 1,
    items: { type: "string" },
    description: "Regions that get an IAM Access Analyzer (default: the 17 enabled by default).",
  },
  access_analyzer: { $ref: "#/$defs/accessAnalyzer" },
  password_policy: { $ref: "#/$defs/passwordPolicy" },
  cloudtrail: { $ref: "#/$defs/cloudtrail" },
};

const ACCOUNT_IDENTITY: Record<string, JsonSchema> = {
  name: {
    type: "string",
    pattern: "^[a-z][a-z0-9-]{0,39}$",
    patternDescription: "must be 1-40 lowercase letters, digits and hyphens, starting with a letter (it names the stack)",
    description: "Stack name; keep it stable, it is part of the state key.",
  },
  id: {
    type: "string",
    pattern: "^[0-9]{12}$",
    patternDescription: "must be a 12-digit AWS account id in quotes",
    description: "AWS account id (optional; without it the stack reads it from the credentials at plan).",
  },
  region: { type: "string", description: "Home region: where the alarms, topics and log group live." },
  role_arn: { type: "string", description: "Role the provider assumes for this account." },
  organization_role: {
    enum: ["management", "delegated-admin", "member"],
    description: "The account's place in AWS Organizations (default member).",
  },
  decommission: {
    type: "boolean",
    description:
      "Retire the account: its stacks keep their providers and state but declare nothing, so the next plan destroys every resource they manage. Apply it, then remove the account (default false).",
  },
};

export const CONFIG_SCHEMA: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://example.com/cdktf-aws-cis-baseline/config.schema.json",
  title: "cdktf-aws-cis-baseline deployment config",
  type: "object",
  additionalProperties: false,
  required: ["accounts"],
  properties: {
    rule_packs: {
      type: "array",
      uniqueItems: true,
      items: { type: "string" },
      description: "Extra rule pack files, relative to this file (rules/packs/*.yaml are always loaded).",
    },
    defaults: { $ref: "#/$defs/settings" },
    accounts: { type: "array", minItems: 1, items: { $ref: "#/$defs/account" } },
    backend: {
      type: "object",
      additionalProperties: false,
      description: "Remote state for every stack (default: local state files).",
      properties: {
        s3: {
          type: "object",
          additionalProperties: false,
          required: ["bucket", "region"],
          properties: {
            bucket: { type: "string", minLength: 3, maxLength: 63 },
            key_prefix: { type: "string", description: "State key is <key_prefix>/<account name>/terraform.tfstate (default cis-baseline)." },
            region: { type: "string" },
            dynamodb_table: { type: "string", description: "Lock table (legacy locking)." },
            use_lockfile: { type: "boolean", description: "S3-native locking (default true)." },
            encrypt: { type: "boolean", description: "Default true." },
            role_arn: { type: "string" },
          },
        },
      },
    },
  },
  $defs: {
    settings: {
      type: "object",
      additionalProperties: false,
      description: "Settings shared by every account; an account may set any of them itself.",
      properties: SETTINGS,
    },
    account: {
      type: "object",
      additionalProperties: false,
      required: ["name", "region"],
      properties: { ...ACCOUNT_IDENTITY, ...SETTINGS },
    },
    alarm: alarmSettings,
    ruleOverride,
    topic,
    subscription,
    logGroup,
    accessAnalyzer,
    passwordPolicy,
    cloudtrail,
  },
};

export const PACK_SCHEMA: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://example.com/cdktf-aws-cis-baseline/pack.schema.json",
  title: "cdktf-aws-cis-baseline rule pack",
  type: "object",
  additionalProperties: false,
  required: ["pack", "rules"],
  properties: {
    pack: { type: "string", pattern: "^[a-z0-9][a-z0-9-]*$", patternDescription: "must be lowercase letters, digits and hyphens" },
    title: { type: "string" },
    evidence: {
      type: "array",
      minItems: 1,
      uniqueItems: true,
      items: { type: "string", minLength: 1 },
      description: "Folders (relative to this pack file) holding the CloudTrail records the rules' examples name (default: [evidence]).",
    },
    rules: { type: "array", minItems: 1, items: { $ref: "#/$defs/rule" } },
  },
  $defs: {
    rule: {
      type: "object",
      additionalProperties: false,
      required: ["id", "title", "severity", "description", "metric_name", "pattern"],
      properties: {
        id: { type: "string", pattern: RULE_ID, patternDescription: ruleIdDescription },
        title: { type: "string", minLength: 1 },
        severity: { enum: [...SEVERITIES] },
        references: {
          type: "object",
          additionalProperties: false,
          properties: {
            security_hub: { type: "string", pattern: "^[A-Za-z0-9]+\\.[0-9]+$", patternDescription: "must look like CloudWatch.1" },
            cis_v1_2_0: { type: "string", pattern: "^[0-9]+(\\.[0-9]+)+$", patternDescription: "must look like 3.1" },
            cis_v1_4_0: { type: "string", pattern: "^[0-9]+(\\.[0-9]+)+$", patternDescription: "must look like 4.15" },
            source: { type: "string" },
          },
        },
        description: { type: "string", minLength: 1, description: "Why it matters and what to do when it fires." },
        metric_name: { type: "string", minLength: 1 },
        pattern: { type: "string", description: "CloudWatch Logs filter pattern; at most 1024 characters." },
        alarm: { $ref: "#/$defs/alarm" },
        examples: {
          type: "object",
          additionalProperties: false,
          description: "Evidence: names of CloudTrail records (files <name>.json in the pack's evidence folders) the pattern must (not) match.",
          properties: {
            match: { type: "array", uniqueItems: true, items: { type: "string" } },
            no_match: { type: "array", uniqueItems: true, items: { type: "string" } },
          },
        },
      },
    },
    alarm: alarmSettings,
  },
};
