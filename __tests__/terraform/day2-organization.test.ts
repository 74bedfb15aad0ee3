import { actionsOf, change } from "../support/day2";
import { CHATBOT, Case, MEMBER_MONITORING, ORGANIZATION_BASE, PAGERDUTY, SEC, describeDay2, editOrganization, only } from "../support/day2-matrix";

jest.setTimeout(600_000);

const ORGANIZATION_CASES: Case[] = [
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

// Day-2 cases (the harness and shared configs: __tests__/support/day2-matrix.ts): an organization trail, Chatbot, subscriptions.
describeDay2(
  "organization",
  ORGANIZATION_CASES,
  (deployed) => {
    test("upgrading from 0.1: an https subscription's address held its path; a moved block keeps the subscription", () => {
      const state = JSON.parse(deployed.state("member")!);
      const current = `notices_${PAGERDUTY}`;
      const legacy = `notices_https_events_pagerduty_example_com_integration_${PAGERDUTY.slice(-6)}`;
      const subscription = state.resources.find(
        (resource: { type: string; name: string }) => resource.type === "aws_sns_topic_subscription" && resource.name === current,
      );
      subscription.name = legacy;
      const result = change(deployed, ORGANIZATION_BASE, { state: (stack) => (stack === "member" ? JSON.stringify(state) : undefined) });
      const moved = [`no-op aws_sns_topic_subscription.${current} (from aws_sns_topic_subscription.${legacy})`];
      expect(actionsOf(result.planned.get("member"))).toEqual(moved);
    });
  },
  ORGANIZATION_BASE,
);
