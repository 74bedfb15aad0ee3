import { MINIMAL, problemsFor } from "../support/temp-config";

/**
 * Two config names that meet in one Terraform address, and moves terraform would refuse,
 * are located errors at synth (lib/config/check-addresses.ts): cdktf would merge the two
 * resources into one without a word, and terraform would stop the plan.
 */
const twoTopics = (first: string, second: string) =>
  MINIMAL.replace(
    "    alerts:\n      severities: [critical, high, medium, low, informational]\n",
    `    ${first}:\n      severities: [critical, high]\n      subscriptions: [{ protocol: email, endpoint: a@example.com }]\n    ${second}:\n      severities: [medium, low, informational]\n`,
  );

describe("resource addresses cannot collide", () => {
  test("topic keys x-y and x_y would both be aws_sns_topic.x_y", () => {
    expect(problemsFor(twoTopics("x-y", "x_y"))).toEqual([
      "config.yaml:7:5: defaults.topics.x_y: topic x_y would be the Terraform resource aws_sns_topic.x_y, which is already topic x-y; rename one of them",
    ]);
  });

  test("a custom rule named like another rule's per-account alarm", () => {
    const config = `rule_packs: [custom.yaml]
organization_trail: { account: mgmt, per_account_alarms: [root-account-usage] }
defaults:
  rules: { enable: [root-account-usage, root-account-usage-in-mgmt] }
  topics:
    alerts:
      severities: [critical, high, medium, low, informational]
      subscriptions: [{ protocol: email, endpoint: sec@example.com }]
accounts:
  - { name: mgmt, id: "111111111111", region: us-east-1, log_group: { name: org/trail, lookup: false } }
`;
    const pack =
      "pack: custom\nrules:\n  - { id: root-account-usage-in-mgmt, title: t, severity: low, description: d, metric_name: M, pattern: '{ $.eventName = X }' }\n";
    expect(problemsFor(config, { "custom.yaml": pack })).toEqual([
      "custom.yaml:3:11: rules[0].id: rule root-account-usage-in-mgmt would be the Terraform resource aws_cloudwatch_metric_alarm.root_account_usage_in_mgmt, which is already the per-account alarm of rule root-account-usage for account mgmt; rename one of them",
    ]);
  });
});

describe("moves terraform would refuse", () => {
  test("a topic that moves from a name still in use (x_y is x-y's address): Moved object still exists", () => {
    const config = twoTopics("x-y", "z").replace("    z:\n", "    z:\n      moved_from: x_y\n");
    expect(problemsFor(config)).toEqual([
      expect.stringMatching(
        /^config\.yaml:8:19: defaults\.topics\.z\.moved_from: moved_from would move aws_sns_topic\.x_y, which this config still declares \(terraform refuses: "Moved object still exists"\)/,
      ),
    ]);
  });

  test("two rules that move from one old id: Ambiguous move statements", () => {
    const config = MINIMAL.replace(
      "  log_group:",
      "  rules: { enable: [vpc-changes, nacl-changes] }\n  overrides:\n    vpc-changes: { moved_from: network-changes }\n    nacl-changes: { moved_from: network-changes }\n  log_group:",
    );
    expect(problemsFor(config)).toEqual([
      expect.stringMatching(
        /^config\.yaml:\d+:\d+: defaults\.overrides\.vpc-changes\.moved_from: rule vpc-changes and rule nacl-changes both move from aws_cloudwatch_metric_alarm\.network_changes \(terraform refuses: "Ambiguous move statements"\)/,
      ),
    ]);
  });
});
