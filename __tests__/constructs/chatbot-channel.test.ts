import { MINIMAL, loadFrom, problemsFor } from "../support/temp-config";
import { TerraformJson, loadModel, referenced, resources, synthAccount } from "../support/synth";

/** Slack and Teams through AWS Chatbot: the channel, its role and guardrail, and the provider it is made through. */
type Statement = { Sid: string; Effect: string; Principal?: unknown; Action: string | string[]; Resource?: string | string[]; Condition?: unknown };
const statementsOf = (policy: unknown): Statement[] => JSON.parse(String(policy)).Statement;

const model = loadModel("rules/examples/control-tower.yaml");
const management = model.accounts.find((account) => account.name === "management")!;
const json = synthAccount(management, model);

const withChatbot = (chatbot: string, region = "us-east-1") =>
  MINIMAL.replace("    alerts:\n", `    alerts:\n      chatbot: ${chatbot}\n`).replace("    region: us-east-1\n", `    region: ${region}\n`);

/** Every action a statement allows, written out. */
const actionsOf = (statement: Statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);

describe("AWS Chatbot channel", () => {
  test("a Slack channel configuration subscribed to the topic, with its role and guardrail", () => {
    const slack = resources(json, "aws_chatbot_slack_channel_configuration").security_alerts;
    expect(slack).toMatchObject({
      configuration_name: "cis-security-alerts-chatbot",
      slack_team_id: "T07EA123LEP",
      slack_channel_id: "C07EZ1ABC23",
      logging_level: "ERROR",
      provider: "aws.chatbot",
    });
    expect(slack.sns_topic_arns).toEqual(["${aws_sns_topic.security_alerts.arn}"]);
    expect(referenced(json, slack.iam_role_arn)).toEqual({ type: "aws_iam_role", name: "security_alerts_chatbot", path: "arn" });
    expect((slack.guardrail_policy_arns as string[]).map((arn) => referenced(json, arn))).toEqual([
      { type: "aws_iam_policy", name: "security_alerts_chatbot", path: "arn" },
    ]);
    // Only the topic with a channel gets one.
    expect(Object.keys(resources(json, "aws_chatbot_slack_channel_configuration"))).toEqual(["security_alerts"]);
  });

  test("the configuration is made through the aliased chatbot provider, in a region where Chatbot's API answers", () => {
    const provider = json.provider.aws.find((config) => config.alias === "chatbot")!;
    expect(provider.region).toBe("us-east-2");
    expect(provider.allowed_account_ids).toEqual(["111111111111"]);
    expect(provider.assume_role).toEqual(json.provider.aws[0].assume_role);
  });

  describe("least privilege", () => {
    const role = resources(json, "aws_iam_role").security_alerts_chatbot;
    const permissions = resources(json, "aws_iam_role_policy").security_alerts_chatbot;
    const guardrail = resources(json, "aws_iam_policy").security_alerts_chatbot;

    test("only AWS Chatbot may assume the role", () => {
      expect(statementsOf(role.assume_role_policy)).toEqual([
        { Sid: "ChatbotAssumesRole", Effect: "Allow", Principal: { Service: "chatbot.amazonaws.com" }, Action: "sts:AssumeRole" },
      ]);
    });

    test("the role and the guardrail allow reading CloudWatch alarms and metrics, and nothing else", () => {
      expect(referenced(json, permissions.role)).toEqual({ type: "aws_iam_role", name: "security_alerts_chatbot", path: "id" });
      for (const policy of [permissions.policy, guardrail.policy]) {
        const statements = statementsOf(policy);
        for (const statement of statements) {
          expect(statement.Effect).toBe("Allow");
          for (const action of actionsOf(statement)) {
            // cloudwatch read verbs only: no wildcards, no writes, no other service.
            expect(action).toMatch(/^cloudwatch:(Describe|Get|List)[A-Za-z]+$/);
          }
        }
      }
      expect(guardrail.policy).toBe(permissions.policy);
    });

    test("no statement in any policy of the stack lets Chatbot act beyond reading", () => {
      const allowed = [...Object.values(resources(json, "aws_iam_role_policy")), ...Object.values(resources(json, "aws_iam_policy"))].flatMap((resource) =>
        statementsOf(resource.policy).flatMap(actionsOf),
      );
      expect(allowed.filter((action) => !/^cloudwatch:(Describe|Get|List)/.test(action))).toEqual([]);
    });

    test("the topic policy still admits only CloudWatch: Chatbot's subscription is made by the deploying account, not granted", () => {
      const statements = statementsOf(resources(json, "aws_sns_topic_policy").security_alerts.policy);
      const principals = statements.filter((statement) => statement.Effect === "Allow").map((statement) => statement.Principal);
      expect(principals).toEqual([{ Service: "cloudwatch.amazonaws.com" }]);
    });
  });

  test("a Teams channel", () => {
    const teams =
      "{ teams: { tenant_id: 2f6a1c2e-1a2b-4c3d-8e9f-0a1b2c3d4e5f, team_id: 5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c, channel_id: '19:abc@thread.tacv2' } }";
    const { model: loaded } = loadFrom(withChatbot(teams, "eu-west-1"));
    const stack: TerraformJson = synthAccount(loaded.accounts[0], loaded);
    expect(resources(stack, "aws_chatbot_teams_channel_configuration").alerts).toMatchObject({
      tenant_id: "2f6a1c2e-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
      team_id: "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c",
      channel_id: "19:abc@thread.tacv2",
      provider: "aws.chatbot",
    });
    // The home region is one where Chatbot answers: the configuration is made there.
    expect(stack.provider.aws.find((config) => config.alias === "chatbot")!.region).toBe("eu-west-1");
  });

  test("a topic with only a Chatbot channel notifies someone", () => {
    const config = withChatbot("{ slack: { team_id: T07EA123LEP, channel_id: C07EZ1ABC23 } }").replace(
      "      subscriptions:\n        - { protocol: email, endpoint: sec@example.com }\n",
      "",
    );
    expect(problemsFor(config)).toEqual([]);
  });

  describe("refused", () => {
    test("both slack and teams, or neither", () => {
      expect(problemsFor(withChatbot("{ logging_level: INFO }"))).toEqual([
        "config.yaml:5:16: defaults.topics.alerts.chatbot: set exactly one of slack and teams",
      ]);
    });

    test("a Slack id that is not one", () => {
      expect(problemsFor(withChatbot("{ slack: { team_id: my-workspace, channel_id: C07EZ1ABC23 } }"))).toEqual([
        expect.stringMatching(
          /^config\.yaml:5:\d+: defaults\.topics\.alerts\.chatbot\.slack\.team_id: "my-workspace" must be a Slack workspace \(team\) id like T07EA123LEP/,
        ),
      ]);
    });

    test("Chatbot outside the aws partition", () => {
      expect(problemsFor(withChatbot("{ slack: { team_id: T07EA123LEP, channel_id: C07EZ1ABC23 } }", "us-gov-west-1"))).toEqual([
        expect.stringMatching(/defaults\.topics\.alerts\.chatbot\.region: AWS Chatbot is not available in the aws-us-gov partition/),
      ]);
    });

    test("two channels of one account in different regions, and two Teams channels in one team", () => {
      const twoTopics = (first: string, second: string) =>
        MINIMAL.replace(
          "    alerts:\n      severities: [critical, high, medium, low, informational]\n",
          `    alerts:\n      severities: [critical, high]\n      chatbot: ${first}\n    notices:\n      severities: [medium, low, informational]\n      chatbot: ${second}\n`,
        );
      const slack = (region: string) => `{ region: ${region}, slack: { team_id: T07EA123LEP, channel_id: C07EZ1ABC23 } }`;
      expect(problemsFor(twoTopics(slack("us-east-2"), slack("us-west-2")))).toEqual([
        expect.stringContaining(
          "defaults.topics.notices.chatbot.region: chatbot region us-west-2 differs from us-east-2 (topic alerts); an account's Chatbot channels share one region",
        ),
      ]);
      const teams = (channel: string) =>
        `{ teams: { tenant_id: 2f6a1c2e-1a2b-4c3d-8e9f-0a1b2c3d4e5f, team_id: 5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c, channel_id: '${channel}' } }`;
      expect(problemsFor(twoTopics(teams("19:a@thread.tacv2"), teams("19:b@thread.tacv2")))).toEqual([
        expect.stringContaining("defaults.topics.notices.chatbot.teams: topic alerts already posts to Teams team 5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c"),
      ]);
    });

    test("a topic name too long for the channel's role", () => {
      const config = withChatbot("{ slack: { team_id: T07EA123LEP, channel_id: C07EZ1ABC23 } }").replace(
        "    alerts:\n",
        `    alerts:\n      name: ${"a".repeat(60)}\n`,
      );
      expect(problemsFor(config)).toEqual([
        expect.stringMatching(/defaults\.topics\.alerts\.chatbot: the Chatbot channel's role is named after the topic: role name "a{60}-chatbot" must be 1-64/),
      ]);
    });
  });
});

describe("https subscriptions to chat webhooks", () => {
  const https = (endpoint: string) =>
    MINIMAL.replace(
      "        - { protocol: email, endpoint: sec@example.com }\n",
      `        - { protocol: email, endpoint: sec@example.com }\n        - { protocol: https, endpoint: '${endpoint}' }\n`,
    );

  test.each([
    ["https://hooks.slack.com/services/T000/B000/XXXXXXXX", "hooks.slack.com"],
    ["https://example.webhook.office.com/webhookb2/abc/IncomingWebhook/def/ghi", "example.webhook.office.com"],
    ["https://outlook.office.com/webhook/abc/IncomingWebhook/def", "outlook.office.com"],
    ["https://hooks.slack.com./services/T000/B000/XXXXXXXX", "hooks.slack.com"],
    ["https://HOOKS.Slack.COM:443/services/T000/B000/XXXXXXXX", "hooks.slack.com"],
    ["https://hooks%2Eslack.com/services/T000/B000/XXXXXXXX", "hooks.slack.com"],
  ])("%s is refused, pointing at the chatbot setting", (endpoint, host) => {
    expect(problemsFor(https(endpoint))).toEqual([
      `config.yaml:8:40: defaults.topics.alerts.subscriptions[1].endpoint: ${host} is a chat webhook: SNS sends every https subscription a confirmation link that a webhook never visits, so no alarm would arrive (and the URL's secret would sit in the Terraform); post to Slack or Teams with the topic's chatbot setting instead`,
    ]);
  });

  test("an https endpoint's path never reaches a resource address; 0.1's address moves to the new one", () => {
    const endpoint = "https://events.pagerduty.example.com/integration/s3cr3t-key/enqueue";
    const { model: loaded } = loadFrom(https(endpoint));
    const stack = synthAccount(loaded.accounts[0], loaded) as TerraformJson & { moved?: { from: string; to: string }[] };
    const addresses = Object.keys(resources(stack, "aws_sns_topic_subscription"));
    expect(addresses).toEqual([
      expect.stringMatching(/^alerts_email_sec_example_com_[0-9a-f]{6}$/),
      expect.stringMatching(/^alerts_https_events_pagerduty_example_com_[0-9a-f]{6}$/),
    ]);
    expect(addresses.join(" ")).not.toMatch(/s3cr3t|integration/);
    const subscription = addresses[1];
    // 0.1 kept the first 40 characters of host and path (here up to "integration"): that address moves.
    const hash = subscription.slice(-6);
    expect(stack.moved).toEqual([
      { from: `aws_sns_topic_subscription.alerts_https_events_pagerduty_example_com_integration_${hash}`, to: `aws_sns_topic_subscription.${subscription}` },
    ]);
  });
});
