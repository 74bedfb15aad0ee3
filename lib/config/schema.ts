import { SCANNER_IDS } from "../model/scanner-ids";
import { CHATBOT_REGIONS, CONTROL_TOWER_LOG_GROUP, SECURITY_HUB_CIS_STANDARDS } from "../model/aws-facts";
import { DEFAULTS } from "./defaults";
import { MISSING_DATA, SEVERITIES, STATISTICS, SUBSCRIPTION_PROTOCOLS } from "../model/model";
import { COMPARISONS } from "../model/alarm-comparisons";
import { JsonSchema } from "../source/schema-validator";

/**
 * The JSON Schemas for deployment configs and rule packs. `npm run generate` writes them to
 * rules/schema/ for editors (YAML language server); synth validates with these same objects.
 */

const RULE_ID = "^[a-z0-9][a-z0-9-]{0,62}$";
const UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
const ruleIdDescription = "is not a valid rule id (lowercase letters, digits and hyphens, starting with a letter or digit)";

const alarmSettings: JsonSchema = {
  type: "object",
  description: "CloudWatch alarm settings. Every alarm must be able to fire on one matching event unless single_event is false.",
  additionalProperties: false,
  properties: {
    period: { type: "integer", minimum: 60, default: DEFAULTS.alarm.period, description: "Seconds per datapoint; a multiple of 60." },
    statistic: {
      enum: [...STATISTICS],
      default: DEFAULTS.alarm.statistic,
      description:
        "Sum counts matching events; Maximum is 1 when any matched. Average, Minimum and SampleCount also see the filter's default value, so synth refuses them when a default value is set.",
    },
    comparison: { enum: [...COMPARISONS], default: DEFAULTS.alarm.comparison, description: "How a datapoint is compared with the threshold." },
    threshold: { type: "number", default: DEFAULTS.alarm.threshold, description: "The value a datapoint is compared with." },
    evaluation_periods: { type: "integer", minimum: 1, default: DEFAULTS.alarm.evaluation_periods, description: "N: how many recent periods are evaluated." },
    datapoints_to_alarm: {
      type: "integer",
      minimum: 1,
      default: DEFAULTS.alarm.datapoints_to_alarm,
      description: "M of the N evaluation periods that must breach.",
    },
    treat_missing_data: { enum: [...MISSING_DATA], default: DEFAULTS.alarm.treat_missing_data, description: "How periods without data count." },
    single_event: {
      type: "boolean",
      default: DEFAULTS.alarm.single_event,
      description: "true: one matching event must be enough to fire. Set false for a rate alarm (e.g. 6 of 60 minutes); synth still checks it can fire at all.",
    },
  },
};

const ruleOverride: JsonSchema = {
  type: "object",
  description: "Per-rule settings for this deployment.",
  additionalProperties: false,
  properties: {
    filter_name: { type: "string", minLength: 1, description: "Metric filter name. Default: name_prefix + the rule id." },
    metric_name: { type: "string", minLength: 1, description: "Metric name. Default: the rule's." },
    alarm_name: { type: "string", minLength: 1, description: "Alarm name. Default: name_prefix + the rule id." },
    alarm_description: { type: "string", description: "Alarm description. Default: the rule's title, references and description." },
    topic: { type: "string", description: "Key of the topic this rule notifies, instead of routing by severity." },
    metric_value: { type: "string", minLength: 1, default: DEFAULTS.override.metric_value, description: "Value the filter emits per match." },
    default_value: {
      type: ["number", "null"],
      default: DEFAULTS.override.default_value,
      description: "Value emitted for events that do not match; null for none.",
    },
    alarm: { $ref: "#/definitions/alarm" },
    moved_from: {
      type: "string",
      pattern: RULE_ID,
      patternErrorMessage: ruleIdDescription,
      description: "The rule's previous id: Terraform moves its filter and alarm instead of destroying and recreating them.",
    },
  },
};

const subscription: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["protocol", "endpoint"],
  properties: {
    protocol: { enum: [...SUBSCRIPTION_PROTOCOLS], description: "How SNS delivers." },
    endpoint: {
      type: "string",
      minLength: 1,
      description: "E-mail address, https URL, SQS queue / Lambda function / Firehose stream ARN, or E.164 phone number.",
    },
    role_arn: { type: "string", description: "firehose only: IAM role SNS assumes to write to the stream." },
  },
};

const chatbot: JsonSchema = {
  type: "object",
  additionalProperties: false,
  description:
    "Post this topic's notifications to a Slack or Microsoft Teams channel through AWS Chatbot (set one of slack and teams). The workspace or team must have been authorized in the Chatbot console first.",
  properties: {
    slack: {
      type: "object",
      additionalProperties: false,
      required: ["team_id", "channel_id"],
      properties: {
        team_id: {
          type: "string",
          pattern: "^[A-Z0-9]{9,12}$",
          patternErrorMessage: "must be a Slack workspace (team) id like T07EA123LEP",
          description: "The Slack workspace id.",
        },
        channel_id: {
          type: "string",
          pattern: "^[A-Z0-9]{9,12}$",
          patternErrorMessage: "must be a Slack channel id like C07EZ1ABC23",
          description: "The Slack channel id.",
        },
      },
    },
    teams: {
      type: "object",
      additionalProperties: false,
      required: ["tenant_id", "team_id", "channel_id"],
      properties: {
        tenant_id: {
          type: "string",
          pattern: UUID,
          patternErrorMessage: "must be a Microsoft Entra tenant id (a UUID)",
          description: "The Microsoft Entra tenant id.",
        },
        team_id: { type: "string", pattern: UUID, patternErrorMessage: "must be a Teams team id (a UUID)", description: "The Teams team id." },
        channel_id: { type: "string", minLength: 1, maxLength: 256, description: "The Teams channel id (19:...@thread.tacv2)." },
      },
    },
    region: {
      enum: [...CHATBOT_REGIONS],
      description: "Region of the Chatbot configuration (its API answers in these only). Default: the home region when it is one of them, else us-east-2.",
    },
    logging_level: { enum: ["ERROR", "INFO", "NONE"], default: DEFAULTS.chatbot.logging_level, description: "What Chatbot logs to CloudWatch Logs." },
  },
};

const topic: JsonSchema = {
  type: ["object", "null"],
  additionalProperties: false,
  description: "A topic; in an account, null removes a topic the account would inherit from defaults.",
  properties: {
    name: { type: "string", description: "SNS topic name. Default: name_prefix + the topic's key." },
    display_name: { type: "string", description: "Shown as the sender of SMS and e-mail notifications (at most 100 characters)." },
    severities: {
      type: "array",
      uniqueItems: true,
      items: { enum: [...SEVERITIES] },
      description: "Rules of these severities notify this topic (unless a rule override names a topic).",
    },
    ok_actions: { type: "boolean", default: DEFAULTS.topic.ok_actions, description: "Also notify when alarms return to OK." },
    kms: {
      type: "string",
      default: DEFAULTS.topic.kms,
      description:
        'Encryption at rest: "none", "create" (a customer-managed key CloudWatch may use), or the ARN of an existing customer-managed key whose policy allows cloudwatch.amazonaws.com.',
    },
    subscriptions: {
      type: "array",
      items: { $ref: "#/definitions/subscription" },
      description: "Who is notified; a topic that receives alarms needs at least one.",
    },
    moved_from: {
      type: "string",
      pattern: "^[a-z0-9][a-z0-9_-]*$",
      patternErrorMessage: "must be lowercase letters, digits, - and _",
      description: "The topic's previous key: Terraform moves its resources instead of destroying and recreating them.",
    },
    chatbot,
  },
};

const logGroup: JsonSchema = {
  type: "object",
  additionalProperties: false,
  description: "The CloudWatch Logs group CloudTrail writes to, where the metric filters go.",
  properties: {
    name: { type: "string", default: DEFAULTS.log_group.name, description: "The CloudTrail log group." },
    mode: {
      enum: ["existing", "create"],
      default: DEFAULTS.log_group.mode,
      description: "existing: filters attach to a group that exists; create: the stack creates it.",
    },
    lookup: {
      type: "boolean",
      default: DEFAULTS.log_group.lookup,
      description: "existing only: read the group with a data source so plan fails early when it is missing (needs AWS credentials at plan).",
    },
    retention_days: {
      enum: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
      default: DEFAULTS.log_group.retention_days,
      description: "create only: retention in days.",
    },
    kms_key_arn: { type: "string", description: "create only: KMS key for the log group." },
  },
};

const accessAnalyzer: JsonSchema = {
  type: "object",
  additionalProperties: false,
  description: "IAM Access Analyzer, in the regional stack <account>-regions.",
  properties: {
    enabled: { type: "boolean", default: DEFAULTS.access_analyzer.enabled, description: "Create an IAM Access Analyzer in every listed region." },
    import_existing: {
      type: "boolean",
      default: DEFAULTS.access_analyzer.import_existing,
      description:
        "Adopt analyzers (and Security Hub, when enabled) that already exist: the regional stacks import them, region by region. Set it for one apply when upgrading: from version 0.1 (the account stack forgets the copies it kept), from one regional stack per account (`<account>-regions` forgets the regions that moved to the other groups' stacks, `-regions-americas` to `-regions-apac-south`), or from four regions of the United States in `<account>-regions` (it forgets us-west-1, which `-regions-americas` imports); without it, the old state does not plan. Then remove it.",
    },
    type: {
      enum: ["ACCOUNT", "ORGANIZATION"],
      default: DEFAULTS.access_analyzer.type,
      description: "ORGANIZATION is valid only in the management or a delegated-administrator account (organization_role).",
    },
    name: { type: "string", description: 'Analyzer name. Default: name_prefix + "access-analyzer".' },
    unused_access_age_days: {
      type: "integer",
      minimum: 1,
      maximum: 365,
      description: "Also create an unused-access analyzer (a paid feature) reporting access unused for this many days.",
    },
  },
};

const CIS = DEFAULTS.password_policy;

const passwordPolicy: JsonSchema = {
  type: "object",
  additionalProperties: false,
  description: "IAM account password policy. Defaults follow CIS (and Security Hub IAM.7 / IAM.15 / IAM.16).",
  properties: {
    enabled: { type: "boolean", default: CIS.enabled },
    minimum_length: { type: "integer", minimum: 6, maximum: 128, default: CIS.minimum_length, description: "CIS asks for 14 or more." },
    reuse_prevention: {
      type: "integer",
      minimum: 1,
      maximum: 24,
      default: CIS.reuse_prevention,
      description: "Security Hub IAM.16 fails on any other value than 24.",
    },
    require_uppercase: { type: "boolean", default: CIS.require_uppercase },
    require_lowercase: { type: "boolean", default: CIS.require_lowercase },
    require_numbers: { type: "boolean", default: CIS.require_numbers },
    require_symbols: { type: "boolean", default: CIS.require_symbols },
    allow_users_to_change: { type: "boolean", default: CIS.allow_users_to_change },
    max_age_days: { type: "integer", minimum: 1, maximum: 1095, description: "Passwords expire after this many days. Default: never." },
    hard_expiry: { type: "boolean", default: CIS.hard_expiry },
    allow_weaker: {
      type: "boolean",
      default: CIS.allow_weaker,
      description: "Accept values weaker than CIS; synth then prints a warning for each.",
    },
  },
};

const cloudtrail: JsonSchema = {
  type: "object",
  additionalProperties: false,
  description: "Create the CloudTrail -> CloudWatch Logs wiring for accounts that lack it.",
  properties: {
    create: {
      type: "boolean",
      default: DEFAULTS.cloudtrail.create,
      description: "Create a multi-region trail, its S3 bucket, the log group and the delivery role.",
    },
    trail_name: { type: "string", description: 'Default: name_prefix + "trail".' },
    bucket_name: { type: "string", description: "Globally unique S3 bucket name. Default: <name_prefix>cloudtrail-<account id>." },
    role_name: { type: "string", description: 'Default: name_prefix + "cloudtrail-to-cloudwatch".' },
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
        default: DEFAULTS.rules.enable,
        description: '"all", "pack:<name>" or rule ids.',
      },
      disable: { type: "array", uniqueItems: true, items: { type: "string" }, default: DEFAULTS.rules.disable, description: "Rule ids to leave out." },
    },
  },
  overrides: {
    type: "object",
    description: "Per-rule settings, keyed by rule id.",
    propertyNames: { type: "string", pattern: RULE_ID, patternErrorMessage: ruleIdDescription },
    additionalProperties: { $ref: "#/definitions/ruleOverride" },
  },
  namespace: { type: "string", minLength: 1, default: DEFAULTS.namespace, description: "CloudWatch metric namespace." },
  name_prefix: {
    type: "string",
    pattern: "^[A-Za-z0-9_-]*$",
    patternErrorMessage: "may hold only letters, digits, - and _ (it also prefixes SNS topic names)",
    default: DEFAULTS.name_prefix,
    description: "Prefix for generated names.",
  },
  alarm: { $ref: "#/definitions/alarm" },
  log_group: { $ref: "#/definitions/logGroup" },
  topics: {
    type: "object",
    description: "SNS topics, keyed by a stable name.",
    propertyNames: { type: "string", pattern: "^[a-z0-9][a-z0-9_-]*$", patternErrorMessage: "must be lowercase letters, digits, - and _" },
    additionalProperties: { $ref: "#/definitions/topic" },
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
    default: DEFAULTS.regions,
    description:
      "Regions that get an IAM Access Analyzer: by default the 17 every commercial account has enabled (an account homed in China or GovCloud: that partition's regions); opt-in regions only when listed.",
  },
  access_analyzer: { $ref: "#/definitions/accessAnalyzer" },
  password_policy: { $ref: "#/definitions/passwordPolicy" },
  cloudtrail: { $ref: "#/definitions/cloudtrail" },
  compliance: {
    type: "object",
    additionalProperties: false,
    description: "Which compliance scanners' CIS monitoring checks the filters must pass (npm run compliance reports each).",
    properties: {
      scanners: {
        type: "array",
        uniqueItems: true,
        items: { enum: [...SCANNER_IDS] },
        default: DEFAULTS.compliance.scanners,
        description:
          "A rule gets an extra metric filter (publishing to its metric) where a selected scanner looks for a pattern its own does not match. trivy renames the filter that carries its string to the metric name (a replacement).",
      },
    },
  },
  pipeline: {
    type: "object",
    additionalProperties: false,
    description:
      "How the generated CI pipeline (npm run pipeline) reaches the account: the IAM role its jobs assume with the CI's OIDC token. Give role_arn or role_name; the account's own value wins over defaults.",
    properties: {
      role_arn: {
        type: "string",
        description:
          "The role to assume; its trust policy must allow the CI's OIDC provider (token.actions.githubusercontent.com) for your repository. In defaults: one hub role for every account, whose credentials then assume each account's role_arn.",
      },
      role_name: {
        type: "string",
        pattern: "^[\\w+=,.@-]{1,64}$",
        patternErrorMessage: "must be an IAM role name: 1-64 letters, digits and +=,.@_-",
        description: "Instead of role_arn: a role of this name in each account (arn:<partition>:iam::<id>:role/<name>); needs the account's id.",
      },
    },
  },
  security_hub: {
    type: "object",
    additionalProperties: false,
    description: "CIS 4.16: AWS Security Hub in every listed region, subscribed to CIS standards. Off by default: organizations usually enable it centrally.",
    properties: {
      enabled: {
        type: "boolean",
        default: DEFAULTS.security_hub.enabled,
        description: "Enable Security Hub in every region of `regions` (turning it off again disables Security Hub there).",
      },
      standards: {
        type: "array",
        uniqueItems: true,
        items: { enum: Object.keys(SECURITY_HUB_CIS_STANDARDS) },
        default: DEFAULTS.security_hub.standards,
        description: "CIS standards to subscribe to; cis-1.2.0 evaluates every CloudWatch control this baseline deploys (1.4.0: CloudWatch.1, 4-14).",
      },
    },
  },
  dashboard: {
    type: "object",
    additionalProperties: false,
    description:
      "A CloudWatch dashboard in the home region: the state of every alarm of the baseline, then a graph of each rule's metric with its alarm's threshold. Off by default.",
    properties: {
      enabled: { type: "boolean", default: DEFAULTS.dashboard.enabled, description: "Create the dashboard (turning it off again deletes it)." },
      name: { type: "string", description: "Dashboard name: letters, digits, - and _, up to 255. Default: <name_prefix>baseline (cis-baseline)." },
    },
  },
};

const ACCOUNT_IDENTITY: Record<string, JsonSchema> = {
  name: {
    type: "string",
    pattern: "^[a-z][a-z0-9-]{0,39}$",
    patternErrorMessage: "must be 1-40 lowercase letters, digits and hyphens, starting with a letter (it names the stack)",
    description: "Stack name; keep it stable, it is part of the state key.",
  },
  id: {
    type: "string",
    pattern: "^[0-9]{12}$",
    patternErrorMessage: "must be a 12-digit AWS account id in quotes",
    description: "AWS account id (optional; without it the stack reads it from the credentials at plan).",
  },
  region: { type: "string", description: "Home region: where the alarms, topics and log group live." },
  role_arn: { type: "string", description: "Role the provider assumes for this account." },
  organization_role: {
    enum: ["management", "delegated-admin", "member"],
    default: DEFAULTS.organization_role,
    description: "The account's place in AWS Organizations.",
  },
  decommission: {
    type: "boolean",
    description:
      "Retire the account: its stacks keep their providers and state but declare nothing, so the next plan destroys every resource they manage. Apply it, then remove the account.",
    default: DEFAULTS.decommission,
  },
};

export const CONFIG_SCHEMA: JsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
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
    defaults: { $ref: "#/definitions/settings" },
    accounts: { type: "array", minItems: 1, items: { $ref: "#/definitions/account" } },
    organization_trail: {
      type: "object",
      additionalProperties: false,
      required: ["account"],
      description:
        "An organization trail writes every account's CloudTrail events to one log group in one account. The metric filters, alarms and topics go there only, and cover every account; the other accounts get Access Analyzer and the password policy (an account that sets its own log_group still monitors it).",
      properties: {
        account: { type: "string", description: "Name of the account that holds the organization trail's log group." },
        control_tower: {
          type: "boolean",
          default: DEFAULTS.organization_trail.control_tower,
          description: `AWS Control Tower's organization trail: its log group ${CONTROL_TOWER_LOG_GROUP} in the management account.`,
        },
        log_group: {
          type: "string",
          description: "The organization trail's log group. Default: Control Tower's with control_tower, else that account's log_group.name.",
        },
        per_account_alarms: {
          type: "array",
          uniqueItems: true,
          items: { type: "string", pattern: RULE_ID, patternErrorMessage: ruleIdDescription },
          default: DEFAULTS.organization_trail.per_account_alarms,
          description: "Rules that also get one alarm per account (a metric dimension on the event's recipientAccountId); every account then needs its id.",
        },
      },
    },
    backend: {
      type: "object",
      additionalProperties: false,
      description: "Remote state for every stack. Without it: local state files in the project folder.",
      properties: {
        s3: {
          type: "object",
          additionalProperties: false,
          required: ["bucket", "region"],
          description: "An S3 bucket holding one state file per stack.",
          properties: {
            bucket: { type: "string", minLength: 3, maxLength: 63, description: "The state bucket (it must exist)." },
            key_prefix: { type: "string", default: DEFAULTS.backend_s3.key_prefix, description: "State key is <key_prefix>/<stack>/terraform.tfstate." },
            region: { type: "string", description: "The bucket's region." },
            dynamodb_table: {
              type: "string",
              pattern: "^[A-Za-z0-9_.-]{3,255}$",
              patternErrorMessage: "must be a DynamoDB table name: 3-255 letters, digits, _ . and -",
              description: "Lock table (legacy locking).",
            },
            use_lockfile: { type: "boolean", description: "S3-native locking. Default: true unless dynamodb_table is set." },
            encrypt: { type: "boolean", default: DEFAULTS.backend_s3.encrypt, description: "Server-side encryption of the state files." },
            role_arn: { type: "string", description: "Role terraform assumes to read and write the state." },
          },
        },
        cloud: {
          type: "object",
          additionalProperties: false,
          required: ["organization"],
          description:
            "HCP Terraform or Terraform Enterprise: every stack in a workspace of its own, <workspace_prefix><stack>, run remotely (workspaces are created on first init).",
          properties: {
            organization: {
              type: "string",
              pattern: "^[A-Za-z0-9_-]{3,40}$",
              patternErrorMessage: "must be an organization name: 3-40 letters, digits, - and _",
              description: "The organization that holds the workspaces.",
            },
            hostname: {
              type: "string",
              pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:[0-9]{1,5})?$",
              patternErrorMessage: "must be a host name like tfe.example.com",
              default: DEFAULTS.backend_cloud.hostname,
              description: "app.terraform.io for HCP Terraform; your Terraform Enterprise host otherwise.",
            },
            project: {
              type: "string",
              pattern: "^[A-Za-z0-9 _-]{3,40}$",
              patternErrorMessage: "must be a project name: 3-40 letters, digits, spaces, - and _",
              description: "The project new workspaces go into (default: the organization's default project).",
            },
            workspace_prefix: {
              type: "string",
              pattern: "^[A-Za-z0-9_-]*$",
              patternErrorMessage: "may hold only letters, digits, - and _",
              default: DEFAULTS.backend_cloud.workspace_prefix,
              description: "Workspace names are this prefix and the stack's name.",
            },
          },
        },
      },
    },
  },
  definitions: {
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
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "cdktf-aws-cis-baseline rule pack",
  type: "object",
  additionalProperties: false,
  required: ["pack", "rules"],
  properties: {
    pack: { type: "string", pattern: "^[a-z0-9][a-z0-9-]*$", patternErrorMessage: "must be lowercase letters, digits and hyphens" },
    title: { type: "string" },
    evidence: {
      type: "array",
      minItems: 1,
      uniqueItems: true,
      items: { type: "string", minLength: 1 },
      default: DEFAULTS.pack.evidence,
      description: "Folders (relative to this pack file) holding the CloudTrail records the rules' examples name.",
    },
    rules: { type: "array", minItems: 1, items: { $ref: "#/definitions/rule" } },
  },
  definitions: {
    rule: {
      type: "object",
      additionalProperties: false,
      required: ["id", "title", "severity", "description", "metric_name", "pattern"],
      properties: {
        id: { type: "string", pattern: RULE_ID, patternErrorMessage: ruleIdDescription },
        title: { type: "string", minLength: 1 },
        severity: { enum: [...SEVERITIES] },
        references: {
          type: "object",
          additionalProperties: false,
          properties: {
            security_hub: { type: "string", pattern: "^[A-Za-z0-9]+\\.[0-9]+$", patternErrorMessage: "must look like CloudWatch.1" },
            cis_v1_2_0: { type: "string", pattern: "^[0-9]+(\\.[0-9]+)+$", patternErrorMessage: "must look like 3.1" },
            cis_v1_4_0: { type: "string", pattern: "^[0-9]+(\\.[0-9]+)+$", patternErrorMessage: "must look like 4.15" },
            source: { type: "string" },
          },
        },
        description: { type: "string", minLength: 1, description: "Why it matters and what to do when it fires." },
        metric_name: { type: "string", minLength: 1 },
        pattern: { type: "string", description: "CloudWatch Logs filter pattern; at most 1024 characters." },
        alarm: { $ref: "#/definitions/alarm" },
        gaps: {
          type: "array",
          items: { type: "string", minLength: 1 },
          description: "What the pattern does not catch although it matters: each sentence names the evidence that shows it, where there is one.",
        },
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
