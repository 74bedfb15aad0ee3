import { subscriptionKey } from "../../lib/config/build-topics";
import { Case, OPS, describeDay2, edit, notifiesNotices, only, topic } from "../support/day2-matrix";

jest.setTimeout(600_000);

const TOPIC_CASES: Case[] = [
  {
    name: "add a topic for one rule",
    files: edit(
      ["    notices:", `    pager:\n      subscriptions:\n        - { protocol: sms, endpoint: "+14155550100" }\n    notices:`],
      ["accounts:", "  overrides:\n    root-account-usage: { topic: pager }\naccounts:"],
    ),
    expect: (result) =>
      only(result, {
        acme: [...topic("create", "pager", subscriptionKey("sms", "+14155550100")), "update aws_cloudwatch_metric_alarm.root_account_usage"],
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
        acme: [...topic("delete", "notices", OPS), ...notifiesNotices.map((rule) => `update aws_cloudwatch_metric_alarm.${rule}`)],
      }),
  },
  {
    name: "rename a topic key without moved_from (destroy and create)",
    files: edit(["    notices:", "    findings:"], ["accounts:", "  overrides: {}\naccounts:"]),
    expect: (result) =>
      only(result, {
        acme: [
          ...topic("delete", "notices", OPS),
          ...topic("create", "findings", OPS),
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

// Day-2 cases (the harness and shared configs: __tests__/support/day2-matrix.ts): topics.
describeDay2("topics", TOPIC_CASES);
