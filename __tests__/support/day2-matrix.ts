import { stackNamesOf, stacksOf } from "../../lib/model/stack-names";
import { subscriptionKey } from "../../lib/config/build-topics";
import { renderReview } from "../../lib/review/markdown";
import { ConfigFiles, Day2Result, Deployed, actionsOf, change, deploy, planAsChanges } from "./day2";
import { describeWithTerraform } from "./terraform";

/**
 * Day 2: every change a platform team makes to a deployed config must plan against the
 * state the previous config left, in one pull request, and the review must say exactly
 * what terraform will do. Config A is planned offline and turned into state; each case's
 * config B is planned against it (terraform plan -refresh=false). Each case states the
 * actions the change implies, and the review's prediction must equal terraform's plan,
 * address for address (the differential half). The cases are listed in docs/day-2.md; the
 * test files under __tests__/terraform/day2-*.test.ts run them in groups, in parallel.
 */
const PACK = (pattern: string) => `pack: acme
rules:
  - id: acme-console-login
    title: Console sign-in
    severity: low
    description: Someone signed in to the console.
    metric_name: AcmeConsoleLogin
    pattern: '${pattern}'
`;
const PATTERN_A = '{ $.eventName = "ConsoleLogin" }';

const CONFIG_A = `rule_packs: [acme.yaml]
backend:
  s3: { bucket: acme-terraform-state, region: us-east-1 }
defaults:
  rules: { enable: [root-account-usage, vpc-changes, cloudtrail-changes, acme-console-login] }
  log_group: { name: CloudTrail/acme, lookup: false }
  regions: [eu-south-1, us-east-1]
  tags: { Owner: platform-team }
  topics:
    alerts:
      severities: [critical, high]
      kms: create
      subscriptions:
        - { protocol: email, endpoint: sec@example.com }
    notices:
      severities: [medium, low, informational]
      ok_actions: false
      subscriptions:
        - { protocol: email, endpoint: ops@example.com }
accounts:
  - name: acme
    id: "123456789012"
    region: us-east-1
    role_arn: arn:aws:iam::123456789012:role/deploy
`;

export const BASE: ConfigFiles = { "config.yaml": CONFIG_A, "acme.yaml": PACK(PATTERN_A) };

/** Config A with text replaced (each replacement must apply). */
export function edit(...replacements: [string, string][]): ConfigFiles {
  let text = CONFIG_A;
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`config A has no ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return { ...BASE, "config.yaml": text };
}

const SEC = subscriptionKey("email", "sec@example.com");
const OPS = subscriptionKey("email", "ops@example.com");
const ALL_RULES = ["acme_console_login", "cloudtrail_changes", "root_account_usage", "vpc_changes"];
const pair = (action: string, rule: string) => [`${action} aws_cloudwatch_log_metric_filter.${rule}`, `${action} aws_cloudwatch_metric_alarm.${rule}`];
const notifiesNotices = ["acme_console_login", "vpc_changes"];
/** The base config's topics with their key, policies and subscriptions: what an account stack holds besides rules. */
const TOPIC_RESOURCES = [
  "aws_kms_key.alerts",
  "aws_kms_alias.alerts",
  "aws_sns_topic.alerts",
  "aws_sns_topic_policy.alerts",
  `aws_sns_topic_subscription.alerts_${SEC}`,
  "aws_sns_topic.notices",
  "aws_sns_topic_policy.notices",
  `aws_sns_topic_subscription.notices_${OPS}`,
];
export const ANALYZERS = ["eu_south_1", "us_east_1"].map((region) => `aws_accessanalyzer_analyzer.${region}`);
/** Where config A's analyzers live: us-east-1 in the first group's stack, eu-south-1 in western and southern Europe's. */
export const ANALYZER_STACKS: Record<string, string[]> = {
  "acme-regions": ["aws_accessanalyzer_analyzer.us_east_1"],
  "acme-regions-europe": ["aws_accessanalyzer_analyzer.eu_south_1"],
};
/** The same action on every analyzer, stack by stack. */
const everyAnalyzer = (action: string) =>
  Object.fromEntries(Object.entries(ANALYZER_STACKS).map(([stack, addresses]) => [stack, addresses.map((address) => `${action} ${address}`)]));

export interface Case {
  readonly name: string;
  readonly files: ConfigFiles;
  /** Also read the plan with `terraform show -json`, as the review's --plan mode does. */
  readonly show?: boolean;
  /** The actions terraform must plan, per stack (stacks not named must plan nothing). */
  readonly expect: (result: Day2Result) => void;
}

const planned = (result: Day2Result, stack: string) => actionsOf(result.planned.get(stack));
/** Expected actions in the order plans list them: by address. */
const byAddress = (actions: string[]) => [...actions].sort((a, b) => (a.split(" ")[1] < b.split(" ")[1] ? -1 : 1));
const only = (result: Day2Result, expected: Record<string, string[]>) => {
  for (const [stack, plan] of result.planned) expect({ stack, actions: actionsOf(plan) }).toEqual({ stack, actions: byAddress(expected[stack] ?? []) });
};

export const RULE_CASES: Case[] = [
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

export const TOPIC_CASES: Case[] = [
  {
    name: "add a topic for one rule",
    files: edit(
      ["    notices:", `    pager:\n      subscriptions:\n        - { protocol: sms, endpoint: "+14155550100" }\n    notices:`],
      ["accounts:", "  overrides:\n    root-account-usage: { topic: pager }\naccounts:"],
    ),
    expect: (result) =>
      only(result, {
        acme: [
          "create aws_sns_topic.pager",
          "create aws_sns_topic_policy.pager",
          `create aws_sns_topic_subscription.pager_${subscriptionKey("sms", "+14155550100")}`,
          "update aws_cloudwatch_metric_alarm.root_account_usage",
        ],
      }),
  },
  {
    name: "remove a topic (its rules move to the other)",
    files: edit(
      ["      severities: [critical, high]", "      severities: [critical, high, medium, low, informational]"],
      [
        "    notices:\n      severities: [medium, low, informational]\n      ok_actions: false\n      subscriptions:\n        - { protocol: email, endpoint: ops@example.com }\n",
        "",
      ],
    ),
    expect: (result) =>
      only(result, {
        acme: [
          "delete aws_sns_topic.notices",
          "delete aws_sns_topic_policy.notices",
          `delete aws_sns_topic_subscription.notices_${OPS}`,
          ...notifiesNotices.map((rule) => `update aws_cloudwatch_metric_alarm.${rule}`),
        ],
      }),
  },
  {
    name: "rename a topic key without moved_from (destroy and create)",
    files: edit(["    notices:", "    findings:"], ["accounts:", "  overrides: {}\naccounts:"]),
    expect: (result) =>
      only(result, {
        acme: [
          "delete aws_sns_topic.notices",
          "delete aws_sns_topic_policy.notices",
          `delete aws_sns_topic_subscription.notices_${OPS}`,
          "create aws_sns_topic.findings",
          "create aws_sns_topic_policy.findings",
          `create aws_sns_topic_subscription.findings_${OPS}`,
          ...notifiesNotices.map((rule) => `update aws_cloudwatch_metric_alarm.${rule}`),
        ],
      }),
  },
  {
    name: "rename a topic key with moved_from, keeping its name (a move)",
    show: true,
    files: edit(["    notices:\n", "    findings:\n      moved_from: notices\n      name: cis-notices\n"]),
    expect: (result) =>
      only(result, {
        acme: [
          "no-op aws_sns_topic.findings (from aws_sns_topic.notices)",
          "no-op aws_sns_topic_policy.findings (from aws_sns_topic_policy.notices)",
          `no-op aws_sns_topic_subscription.findings_${OPS} (from aws_sns_topic_subscription.notices_${OPS})`,
        ],
      }),
  },
  {
    name: "add a subscription",
    files: edit([
      "        - { protocol: email, endpoint: sec@example.com }",
      "        - { protocol: email, endpoint: sec@example.com }\n        - { protocol: email, endpoint: cso@example.com }",
    ]),
    expect: (result) => only(result, { acme: [`create aws_sns_topic_subscription.alerts_${subscriptionKey("email", "cso@example.com")}`] }),
  },
  {
    name: "replace a subscription's endpoint",
    files: edit(["endpoint: ops@example.com", "endpoint: ops-team@example.com"]),
    expect: (result) =>
      only(result, {
        acme: [
          `delete aws_sns_topic_subscription.notices_${OPS}`,
          `create aws_sns_topic_subscription.notices_${subscriptionKey("email", "ops-team@example.com")}`,
        ],
      }),
  },
  {
    name: "encrypt a topic with a new key",
    files: edit(["      ok_actions: false", "      ok_actions: false\n      kms: create"]),
    expect: (result) => only(result, { acme: ["create aws_kms_key.notices", "create aws_kms_alias.notices", "update aws_sns_topic.notices"] }),
  },
  {
    name: "stop encrypting a topic",
    files: edit(["      kms: create\n", ""]),
    expect: (result) => only(result, { acme: ["delete aws_kms_key.alerts", "delete aws_kms_alias.alerts", "update aws_sns_topic.alerts"] }),
  },
];

export const REGION_CASES: Case[] = [
  {
    name: "add a region",
    files: edit(["regions: [eu-south-1, us-east-1]", "regions: [eu-south-1, us-east-1, us-west-2]"]),
    expect: (result) => only(result, { "acme-regions": ["create aws_accessanalyzer_analyzer.us_west_2"] }),
  },
  {
    name: "remove an opt-in region",
    files: edit(["regions: [eu-south-1, us-east-1]", "regions: [us-east-1]"]),
    expect: (result) => only(result, { "acme-regions-europe": ["delete aws_accessanalyzer_analyzer.eu_south_1"] }),
  },
  {
    name: "turn Access Analyzer off",
    files: edit(["accounts:", "  access_analyzer: { enabled: false }\naccounts:"]),
    expect: (result) => only(result, everyAnalyzer("delete")),
  },
  {
    name: "change the analyzer type to ORGANIZATION",
    files: edit(
      ["accounts:", "  access_analyzer: { type: ORGANIZATION }\naccounts:"],
      ["    region: us-east-1\n", "    region: us-east-1\n    organization_role: management\n"],
    ),
    expect: (result) => only(result, everyAnalyzer("replace")),
  },
  {
    name: "change a tag (provider default_tags: every taggable resource's tags_all)",
    files: edit(["Owner: platform-team", "Owner: security-team"]),
    expect: (result) => {
      expect(planned(result, "acme")).toEqual(
        byAddress(
          ["aws_kms_key.alerts", "aws_sns_topic.alerts", "aws_sns_topic.notices", ...ALL_RULES.map((rule) => `aws_cloudwatch_metric_alarm.${rule}`)].map(
            (address) => `update ${address}`,
          ),
        ),
      );
      for (const [stack, actions] of Object.entries(everyAnalyzer("update"))) expect(planned(result, stack)).toEqual(actions);
    },
  },
  { name: "rotate the deploy role (provider only)", files: edit(["role/deploy", "role/deploy-v2"]), expect: (result) => only(result, {}) },
];

export const ACCOUNT_CASES: Case[] = [
  {
    name: "change the name prefix (every name: replacements)",
    files: edit(["accounts:", "  name_prefix: acme-\naccounts:"]),
    expect: (result) => {
      expect(planned(result, "acme")).toEqual(
        byAddress([
          ...ALL_RULES.flatMap((rule) => pair("replace", rule)),
          "replace aws_sns_topic.alerts",
          "replace aws_sns_topic.notices",
          "replace aws_sns_topic_policy.alerts",
          "replace aws_sns_topic_policy.notices",
          `replace aws_sns_topic_subscription.alerts_${SEC}`,
          `replace aws_sns_topic_subscription.notices_${OPS}`,
          "replace aws_kms_alias.alerts",
          "update aws_kms_key.alerts",
        ]),
      );
      for (const [stack, actions] of Object.entries(everyAnalyzer("replace"))) expect(planned(result, stack)).toEqual(actions);
    },
  },
  {
    name: "add an account (new stacks, planned from an empty state)",
    files: edit([
      "accounts:\n",
      `accounts:\n  - { name: beta, id: "210987654321", region: eu-west-1, regions: [eu-west-1], rules: { enable: [root-account-usage] } }\n`,
    ]),
    expect: (result) => {
      only(result, {
        beta: [
          ...pair("create", "root_account_usage"),
          "create aws_iam_account_password_policy.account",
          ...TOPIC_RESOURCES.map((address) => `create ${address}`),
        ],
        "beta-regions-europe": ["create aws_accessanalyzer_analyzer.eu_west_1"],
      });
    },
  },
  {
    name: "decommission the account (everything destroyed)",
    files: edit(["    region: us-east-1\n", "    region: us-east-1\n    decommission: true\n"]),
    expect: (result) => {
      only(result, {
        acme: [
          ...ALL_RULES.flatMap((rule) => pair("delete", rule)),
          "delete aws_iam_account_password_policy.account",
          ...TOPIC_RESOURCES.map((address) => `delete ${address}`),
        ],
        ...everyAnalyzer("delete"),
      });
    },
  },
  {
    name: "remove the account (rename it): its stacks are orphaned, not destroyed",
    files: edit(["name: acme\n", "name: acme-prod\n"]),
    expect: (result) => {
      expect([...result.planned.keys()].sort()).toEqual(stacksOf(stackNamesOf("acme-prod", "aws")).sort());
      expect(planned(result, "acme-prod").every((action) => action.startsWith("create "))).toBe(true);
      const orphaned = result.predicted.stacks.filter((stack) => stack.status === "orphaned").map((stack) => [stack.name, stack.orphaned.length]);
      expect(orphaned).toEqual([
        ["acme", 17],
        ["acme-regions", 1],
        ["acme-regions-americas", 0],
        ["acme-regions-apac", 0],
        ["acme-regions-apac-south", 0],
        ["acme-regions-emea", 0],
        ["acme-regions-europe", 1],
      ]);
      expect(result.review).toMatch(/`acme`: \*\*removed from the config\*\*: its 17 resources are \*\*orphaned, not destroyed\*\*/);
      expect(result.review).toContain("decommission: true");
      expect(result.review).not.toMatch(/\*\*destroyed\*\*/);
    },
  },
  {
    name: "move the state (backend key prefix)",
    files: edit(["region: us-east-1 }\ndefaults:", "region: us-east-1, key_prefix: security/cis }\ndefaults:"]),
    expect: (result) => {
      only(result, {});
      expect(result.predicted.stacks.map((stack) => stack.backend !== undefined)).toEqual(stacksOf(stackNamesOf("acme", "aws")).map(() => true));
      expect(result.review).toContain("--migrate-state");
    },
  },
];

/**
 * Config O: an organization trail in `mgmt` (per-account root alarms, alerts in Slack
 * through Chatbot) and a `member` that still watches its own trail's log group, with an
 * https subscription whose path 0.1 put into the address.
 */
const CONFIG_O = `backend:
  s3: { bucket: acme-terraform-state, region: us-east-1 }
organization_trail: { account: mgmt, per_account_alarms: [root-account-usage] }
defaults:
  rules: { enable: [root-account-usage, vpc-changes] }
  regions: [us-east-1]
  topics:
    alerts:
      severities: [critical, high]
      subscriptions:
        - { protocol: email, endpoint: sec@example.com }
    notices:
      severities: [medium, low, informational]
      subscriptions:
        - { protocol: https, endpoint: "https://events.pagerduty.example.com/integration/abc/enqueue" }
accounts:
  - name: mgmt
    id: "111111111111"
    region: us-east-1
    organization_role: management
    log_group: { name: org/trail, lookup: false }
    topics:
      alerts:
        chatbot: { slack: { team_id: T07EA123LEP, channel_id: C07EZ1ABC23 } }
  - name: member
    id: "222222222222"
    region: us-east-1
    log_group: { name: CloudTrail/member, lookup: false }
`;

export const ORGANIZATION_BASE: ConfigFiles = { "config.yaml": CONFIG_O };

/** Config O with text replaced (each replacement must apply). */
export function editOrganization(...replacements: [string, string][]): ConfigFiles {
  let text = CONFIG_O;
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`config O has no ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return { "config.yaml": text };
}

export const PAGERDUTY = subscriptionKey("https", "https://events.pagerduty.example.com/integration/abc/enqueue");
const CHATBOT = [
  "aws_chatbot_slack_channel_configuration.alerts",
  "aws_iam_role.alerts_chatbot",
  "aws_iam_role_policy.alerts_chatbot",
  "aws_iam_policy.alerts_chatbot",
];
const MEMBER_MONITORING = [
  ...pair("x", "root_account_usage"),
  ...pair("x", "vpc_changes"),
  "x aws_sns_topic.alerts",
  "x aws_sns_topic_policy.alerts",
  `x aws_sns_topic_subscription.alerts_${SEC}`,
  "x aws_sns_topic.notices",
  "x aws_sns_topic_policy.notices",
  `x aws_sns_topic_subscription.notices_${PAGERDUTY}`,
].map((action) => action.replace(/^x /, ""));

export const ORGANIZATION_CASES: Case[] = [
  { name: "organization: nothing changes", files: ORGANIZATION_BASE, expect: (result) => only(result, {}) },
  {
    name: "stop posting to Slack (destroyed through the chatbot provider, still declared)",
    files: editOrganization(["    topics:\n      alerts:\n        chatbot: { slack: { team_id: T07EA123LEP, channel_id: C07EZ1ABC23 } }\n", ""]),
    expect: (result) => only(result, { mgmt: CHATBOT.map((address) => `delete ${address}`) }),
  },
  {
    name: "rename the Slack topic (its role and guardrail are replaced, the channel follows)",
    show: true,
    files: editOrganization(["      alerts:\n        chatbot:", "      alerts:\n        name: org-alerts\n        chatbot:"]),
    expect: (result) =>
      only(result, {
        mgmt: [
          "replace aws_sns_topic.alerts",
          "replace aws_sns_topic_policy.alerts",
          `replace aws_sns_topic_subscription.alerts_${SEC}`,
          "replace aws_iam_role.alerts_chatbot",
          "replace aws_iam_role_policy.alerts_chatbot",
          "replace aws_iam_policy.alerts_chatbot",
          "update aws_chatbot_slack_channel_configuration.alerts",
          "update aws_cloudwatch_metric_alarm.root_account_usage",
          "update aws_cloudwatch_metric_alarm.root_account_usage_in_member",
          "update aws_cloudwatch_metric_alarm.root_account_usage_in_mgmt",
        ],
      }),
  },
  {
    name: "add an account to the organization (its alarm in the central stack, its own stacks)",
    // Its analyzers off: the regional stack of a new account is the accounts group's business.
    files: editOrganization([
      "  - name: member\n",
      `  - { name: third, id: "333333333333", region: us-east-1, access_analyzer: { enabled: false } }\n  - name: member\n`,
    ]),
    expect: (result) =>
      only(result, {
        mgmt: ["create aws_cloudwatch_metric_alarm.root_account_usage_in_third"],
        third: ["create aws_iam_account_password_policy.account"],
      }),
  },
  {
    name: "a member joins the organization trail (its own monitoring is destroyed)",
    files: editOrganization(["    log_group: { name: CloudTrail/member, lookup: false }\n", ""]),
    expect: (result) => only(result, { member: MEMBER_MONITORING.map((address) => `delete ${address}`) }),
  },
  {
    name: "turn per-account alarms off",
    files: editOrganization([", per_account_alarms: [root-account-usage]", ""]),
    expect: (result) =>
      only(result, {
        mgmt: [
          "delete aws_cloudwatch_log_metric_filter.root_account_usage_by_account",
          "delete aws_cloudwatch_metric_alarm.root_account_usage_in_member",
          "delete aws_cloudwatch_metric_alarm.root_account_usage_in_mgmt",
        ],
      }),
  },
];

/** Runs a group of cases against config A: the expected actions, then the differential checks. */
export function describeDay2(group: string, cases: readonly Case[], more?: (deployed: Deployed) => void, base: ConfigFiles = BASE): void {
  describeWithTerraform(`day 2 (${group}): every change plans against the state the last one left`, () => {
    const deployed = deploy(base);

    test.each(cases.map((item) => [item.name, item] as const))("%s", (_, item) => {
      const result = change(deployed, item.files, { show: item.show });
      item.expect(result);
      // The differential half: the review predicted exactly what terraform plans.
      for (const [stack, plan] of result.planned) {
        const predicted = result.predicted.stacks.find((candidate) => candidate.name === stack);
        expect({ stack, predicted: actionsOf(predicted) }).toEqual({ stack, predicted: actionsOf(plan) });
        expect(predicted?.blockers ?? []).toEqual([]);
      }
      for (const line of result.predicted.stacks.flatMap((stack) => actionsOf(stack))) expect(result.review).toContain(`\`${line.split(" ")[1]}\``);
      // --plan reads terraform's show -json: the same actions, rendered the same way.
      for (const [stack, shown] of result.shown) {
        const fromPlan = planAsChanges(stack, shown);
        expect(actionsOf(fromPlan)).toEqual(actionsOf(result.planned.get(stack)));
        const review = renderReview({ stacks: [fromPlan], newConfig: false });
        for (const line of actionsOf(fromPlan)) expect(review).toContain(`\`${line.split(" ")[1]}\``);
      }
    });

    more?.(deployed);
  });
}

/** Config A with the dashboard on: the base of the dashboard cases. */
const DASHBOARD_ON: [string, string] = ["  tags: { Owner: platform-team }", "  tags: { Owner: platform-team }\n  dashboard: { enabled: true }"];
export const DASHBOARD_BASE: ConfigFiles = edit(DASHBOARD_ON);

/** The opt-in dashboard on day 2 (from DASHBOARD_BASE): its name forces a new one; its body follows the rules. */
export const DASHBOARD_CASES: Case[] = [
  { name: "nothing changes", files: DASHBOARD_BASE, expect: (result) => only(result, {}) },
  {
    name: "rename the dashboard (CloudWatch keys a dashboard by name: a replacement)",
    files: edit(["  tags: { Owner: platform-team }", "  tags: { Owner: platform-team }\n  dashboard: { enabled: true, name: acme-cis }"]),
    expect: (result) => only(result, { acme: ["replace aws_cloudwatch_dashboard.baseline"] }),
  },
  {
    name: "add a rule: its filter, its alarm, and its graph on the dashboard",
    files: edit(DASHBOARD_ON, ["cloudtrail-changes,", "cloudtrail-changes, nacl-changes,"]),
    expect: (result) =>
      only(result, {
        acme: [
          "create aws_cloudwatch_log_metric_filter.nacl_changes",
          "create aws_cloudwatch_metric_alarm.nacl_changes",
          "update aws_cloudwatch_dashboard.baseline",
        ],
      }),
  },
  { name: "turn the dashboard off", files: BASE, expect: (result) => only(result, { acme: ["delete aws_cloudwatch_dashboard.baseline"] }) },
];
