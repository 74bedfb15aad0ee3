import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./synth";
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
 * address for address (the differential half). The cases live in the test files under
 * __tests__/terraform/day2-*.test.ts, a group each (run in parallel); this file holds the
 * harness and the configs they share, and checks that docs/day-2.md lists every case.
 */
export const PACK = (pattern: string) => `pack: acme
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

export const SEC = subscriptionKey("email", "sec@example.com");
export const OPS = subscriptionKey("email", "ops@example.com");
export const ALL_RULES = ["acme_console_login", "cloudtrail_changes", "root_account_usage", "vpc_changes"];
export const pair = (action: string, rule: string) => [`${action} aws_cloudwatch_log_metric_filter.${rule}`, `${action} aws_cloudwatch_metric_alarm.${rule}`];
/** A topic's three resources: the topic, its policy and one subscription. */
const topicAddresses = (key: string, subscription: string) => [
  `aws_sns_topic.${key}`,
  `aws_sns_topic_policy.${key}`,
  `aws_sns_topic_subscription.${key}_${subscription}`,
];
/** The same action on a topic's three resources. */
export const topic = (action: string, key: string, subscription: string) => topicAddresses(key, subscription).map((address) => `${action} ${address}`);
export const notifiesNotices = ["acme_console_login", "vpc_changes"];
/** The base config's topics with their key, policies and subscriptions: what an account stack holds besides rules. */
export const TOPIC_RESOURCES = ["aws_kms_key.alerts", "aws_kms_alias.alerts", ...topicAddresses("alerts", SEC), ...topicAddresses("notices", OPS)];
export const ANALYZERS = ["eu_south_1", "us_east_1"].map((region) => `aws_accessanalyzer_analyzer.${region}`);
/** Where config A's analyzers live: us-east-1 in the first group's stack, eu-south-1 in western and southern Europe's. */
export const ANALYZER_STACKS: Record<string, string[]> = {
  "acme-regions": ["aws_accessanalyzer_analyzer.us_east_1"],
  "acme-regions-europe": ["aws_accessanalyzer_analyzer.eu_south_1"],
};
/** The same action on every analyzer, stack by stack. */
export const everyAnalyzer = (action: string) =>
  Object.fromEntries(Object.entries(ANALYZER_STACKS).map(([stack, addresses]) => [stack, addresses.map((address) => `${action} ${address}`)]));

export interface Case {
  readonly name: string;
  readonly files: ConfigFiles;
  /** Also read the plan with `terraform show -json`, as the review's --plan mode does. */
  readonly show?: boolean;
  /** The actions terraform must plan, per stack (stacks not named must plan nothing). */
  readonly expect: (result: Day2Result) => void;
}

export const planned = (result: Day2Result, stack: string) => actionsOf(result.planned.get(stack));
/** Expected actions in the order plans list them: by address. */
export const byAddress = (actions: string[]) => [...actions].sort((a, b) => (a.split(" ")[1] < b.split(" ")[1] ? -1 : 1));
export const only = (result: Day2Result, expected: Record<string, string[]>) => {
  for (const [stack, plan] of result.planned) expect({ stack, actions: actionsOf(plan) }).toEqual({ stack, actions: byAddress(expected[stack] ?? []) });
};

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
export const CHATBOT = [
  "aws_chatbot_slack_channel_configuration.alerts",
  "aws_iam_role.alerts_chatbot",
  "aws_iam_role_policy.alerts_chatbot",
  "aws_iam_policy.alerts_chatbot",
];
export const MEMBER_MONITORING = [...pair("x", "root_account_usage"), ...pair("x", "vpc_changes")]
  .map((action) => action.replace(/^x /, ""))
  .concat(topicAddresses("alerts", SEC), topicAddresses("notices", PAGERDUTY));

/** Runs a group of cases against config A: the expected actions, then the differential checks. */
export function describeDay2(group: string, cases: readonly Case[], more?: (deployed: Deployed) => void, base: ConfigFiles = BASE): void {
  test(`docs/day-2.md lists every ${group} case`, () => {
    const text = readFileSync(join(ROOT, "docs", "day-2.md"), "utf8");
    const listed = text.slice(text.indexOf("<!-- day2-cases:start -->"), text.indexOf("<!-- day2-cases:end -->"));
    expect(cases.filter((item) => !listed.includes(item.name)).map((item) => item.name)).toEqual([]);
  });
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
export const DASHBOARD_ON: [string, string] = ["  tags: { Owner: platform-team }", "  tags: { Owner: platform-team }\n  dashboard: { enabled: true }"];
export const DASHBOARD_BASE: ConfigFiles = edit(DASHBOARD_ON);
