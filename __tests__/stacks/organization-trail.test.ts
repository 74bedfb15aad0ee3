import { readFileSync } from "node:fs";
import { join } from "node:path";
import { simulateCommand } from "../../lib/commands/simulate";
import { predictChanges } from "../../lib/review/predict";
import { StackJson } from "../../lib/terraform/stack-json";
import { MINIMAL, loadFrom, problemsFor } from "../support/temp-config";
import { ROOT, TerraformJson, loadModel, referenced, resources, synthAccount, synthAccountText, synthRegional, synthRegionalStacks } from "../support/synth";

/**
 * The central layout: an organization trail's log group in one account, which holds every
 * filter, alarm and topic; the other accounts get analyzers and the password policy only.
 */
const CONTROL_TOWER = "rules/examples/control-tower.yaml";
const model = loadModel(CONTROL_TOWER);
const account = (name: string) => model.accounts.find((candidate) => candidate.name === name)!;
const management = synthAccount(account("management"), model);

const outputs = (json: TerraformJson) => (json as unknown as { output?: Record<string, { value: unknown }> }).output ?? {};

describe("organization trail: one account watches every account's events", () => {
  test("the trail's account has every rule; the others have no filters, alarms, topics or log group", () => {
    const central = account("management");
    expect(central.monitoring).toBe("central");
    expect(central.logGroup).toMatchObject({ name: "aws-controltower/CloudTrailLogs", mode: "existing" });
    const catalogRules = loadModel("__tests__/fixtures/configs/baseline.yaml").accounts[0].rules.map((rule) => rule.id);
    expect(central.rules.map((rule) => rule.id)).toEqual(catalogRules);
    for (const member of model.accounts.filter((candidate) => candidate.name !== "management")) {
      expect(member.monitoring).toBe("none");
      const json = synthAccount(member, model);
      expect(Object.keys(json.resource)).toEqual(["aws_iam_account_password_policy"]);
      expect(json.data).toBeUndefined();
      expect(outputs(json)).toEqual({});
      // ... and Access Analyzer in every listed region, as everywhere.
      expect(Object.keys(resources(synthRegional(member, model), "aws_accessanalyzer_analyzer")).sort()).toEqual(
        member.regions.map((region) => region.replace(/-/g, "_")),
      );
    }
  });

  test("snapshot of every stack", () => {
    for (const member of model.accounts) {
      expect(synthAccountText(member, model)).toMatchSnapshot(member.stacks.home);
      for (const [name, text] of synthRegionalStacks(member, model)) expect(text).toMatchSnapshot(name);
    }
  });

  test("every filter watches the organization trail's log group, and the alarm descriptions say how to find the account", () => {
    for (const filter of Object.values(resources(management, "aws_cloudwatch_log_metric_filter"))) {
      expect(filter.log_group_name).toBe("${data.aws_cloudwatch_log_group.cloudtrail.name}");
    }
    expect(management.data!.aws_cloudwatch_log_group.cloudtrail.name).toBe("${one(data.aws_cloudwatch_log_groups.cloudtrail.log_group_names)}");
    expect(management.data!.aws_cloudwatch_log_groups.cloudtrail.log_group_name_prefix).toBe("aws-controltower/CloudTrailLogs");
    for (const [name, alarm] of Object.entries(resources(management, "aws_cloudwatch_metric_alarm"))) {
      if (name.includes("_in_")) continue;
      expect(alarm.alarm_description).toContain("the account is each event's recipientAccountId");
      expect(String(alarm.alarm_description).length).toBeLessThanOrEqual(1024);
    }
  });

  test("per-account alarms: a second filter adds the account as a dimension, and each account's alarm watches its own value", () => {
    const filter = resources(management, "aws_cloudwatch_log_metric_filter").root_account_usage_by_account;
    const main = resources(management, "aws_cloudwatch_log_metric_filter").root_account_usage;
    expect(filter.pattern).toBe(main.pattern);
    expect(filter.metric_transformation).toEqual({
      name: "RootAccountUsageByAccount",
      namespace: "LogMetrics",
      value: "1",
      dimensions: { RecipientAccount: "$.recipientAccountId" },
    });
    const alarms = Object.entries(resources(management, "aws_cloudwatch_metric_alarm")).filter(([name]) => name.startsWith("root_account_usage_in_"));
    expect(alarms.map(([, alarm]) => [alarm.alarm_name, alarm.dimensions])).toEqual(
      model.accounts.map((member) => [`cis-root-account-usage-${member.name}`, { RecipientAccount: member.accountId }]),
    );
    for (const [, alarm] of alarms) {
      expect(referenced(management, alarm.metric_name)).toEqual({
        type: "aws_cloudwatch_log_metric_filter",
        name: "root_account_usage_by_account",
        path: "metric_transformation[0].name",
      });
      expect(referenced(management, alarm.namespace).name).toBe("root_account_usage_by_account");
      expect(alarm.treat_missing_data).toBe("notBreaching");
      expect(alarm.alarm_actions).toEqual(["${aws_sns_topic.security_alerts.arn}"]);
    }
  });

  test("outputs: topics by key, alarms by rule id, per-account alarms, the log group; analyzers by region in the regional stack", () => {
    const out = outputs(management);
    expect(out.topic_arns.value).toEqual({
      "security-alerts": "${aws_sns_topic.security_alerts.arn}",
      "security-notices": "${aws_sns_topic.security_notices.arn}",
    });
    const alarmNames = out.alarm_names.value as Record<string, string>;
    expect(Object.keys(alarmNames)).toEqual(account("management").rules.map((rule) => rule.id));
    for (const [id, reference] of Object.entries(alarmNames)) {
      expect(referenced(management, reference)).toEqual({ type: "aws_cloudwatch_metric_alarm", name: id.replace(/-/g, "_"), path: "alarm_name" });
    }
    expect(Object.keys((out.per_account_alarm_names.value as Record<string, object>)["root-account-usage"])).toEqual(
      model.accounts.map((member) => member.name),
    );
    expect(out.log_group_name.value).toBe("${data.aws_cloudwatch_log_group.cloudtrail.name}");
    const regional = synthRegional(account("workload-dev"), model);
    expect(outputs(regional).analyzer_arns.value).toEqual({
      "eu-west-1": "${aws_accessanalyzer_analyzer.eu_west_1.arn}",
      "us-east-1": "${aws_accessanalyzer_analyzer.us_east_1.arn}",
    });
  });

  test("a member that sets its own log_group keeps monitoring it", () => {
    const config = readFileSync(join(ROOT, CONTROL_TOWER), "utf8").replace(
      "  - name: workload-dev\n",
      "  - name: workload-dev\n    log_group: { name: workload-dev/trail, lookup: false }\n",
    );
    const { model: withOwn } = loadFrom(config);
    const dev = withOwn.accounts.find((candidate) => candidate.name === "workload-dev")!;
    expect(dev.monitoring).toBe("local");
    expect(dev.logGroup?.name).toBe("workload-dev/trail");
    expect(dev.topics.map((topic) => topic.key)).toEqual(["security-alerts", "security-notices"]);
    expect(dev.rules.length).toBeGreaterThan(0);
    // Its alarms are its own: no sentence about the organization's events.
    expect(dev.rules[0].alarmDescription).not.toContain("recipientAccountId");
  });

  test("the simulator replays two accounts' root activity: the shared alarm fires for both, each per-account alarm for its own", () => {
    const root = JSON.parse(readFileSync(join(ROOT, "rules", "evidence", "cloudtrail", "ConsoleLogin__awsdocs_root_nomfa_success.json"), "utf8"));
    const events = [
      { ...root, eventTime: "2026-11-20T10:01:00Z", recipientAccountId: "444444444444" },
      { ...root, eventTime: "2026-11-20T10:21:00Z", recipientAccountId: "555555555555" },
    ]
      .map((record) => JSON.stringify(record))
      .join("\n");
    let stdout = "";
    const status = simulateCommand(
      ["--config", CONTROL_TOWER, "--account", "management", "--json", "-"],
      { write: (text) => (stdout += text), error: () => {} },
      () => events,
    );
    const report = JSON.parse(stdout) as {
      alarms: { alarm: string; matched: number[]; transitions: { time: string; to: string; notify: string[] }[] }[];
      problems: string[];
    };
    const alarm = (name: string) => report.alarms.find((candidate) => candidate.alarm === name)!;
    const fired = (name: string) =>
      alarm(name)
        .transitions.filter((transition) => transition.to === "ALARM")
        .map((transition) => transition.time);
    expect(fired("cis-root-account-usage")).toEqual(["2026-11-20T10:05:00Z", "2026-11-20T10:25:00Z"]);
    expect(fired("cis-root-account-usage-workload-prod")).toEqual(["2026-11-20T10:05:00Z"]);
    expect(alarm("cis-root-account-usage-workload-prod").matched).toEqual([0]);
    expect(fired("cis-root-account-usage-workload-dev")).toEqual(["2026-11-20T10:25:00Z"]);
    expect(alarm("cis-root-account-usage-workload-dev").transitions[0].notify).toEqual(["cis-security-alerts"]);
    expect(fired("cis-root-account-usage-audit")).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(status).toBe(0);
  });
});

describe("organization trail guard rails", () => {
  const ORG = `
organization_trail: { account: mgmt, control_tower: true }
defaults:
  topics:
    alerts:
      severities: [critical, high, medium, low, informational]
      subscriptions:
        - { protocol: email, endpoint: sec@example.com }
accounts:
  - { name: mgmt, id: "111111111111", region: us-east-1, organization_role: management }
  - { name: member, id: "222222222222", region: us-east-1 }
`;

  test("the example config and the minimal organization load", () => {
    expect(problemsFor(ORG)).toEqual([]);
  });

  test("Control Tower's log group named in an account's own log_group is refused: it exists only in the management account", () => {
    const config = MINIMAL.replace("  log_group: { lookup: false }", "  log_group: { name: aws-controltower/CloudTrailLogs, lookup: false }");
    expect(problemsFor(config)).toEqual([
      "config.yaml:8:22: defaults.log_group.name: aws-controltower/CloudTrailLogs is AWS Control Tower's organization trail log group, which exists only in the management account; monitor it there with organization_trail: { account: <management account>, control_tower: true }, which covers every account",
    ]);
  });

  test("control_tower: true in an account that is not the management account", () => {
    expect(problemsFor(ORG.replace(", organization_role: management", ""))).toEqual([
      expect.stringMatching(
        /^config\.yaml:\d+:\d+: accounts\[0\]\.organization_role: Control Tower delivers its organization trail to aws-controltower\/CloudTrailLogs in the management account/,
      ),
    ]);
  });

  test("an organization_trail.account that names no account", () => {
    expect(problemsFor(ORG.replace("account: mgmt,", "account: mgnt,"))).toEqual([
      'config.yaml:2:32: organization_trail.account: no account is named "mgnt" (did you mean "mgmt"?); accounts: mgmt, member',
    ]);
  });

  test("per-account alarms for a rule the central account does not enable, or without every account's id", () => {
    const config = ORG.replace("control_tower: true }", "control_tower: true, per_account_alarms: [root-acount-usage] }");
    expect(problemsFor(config)).toEqual([
      expect.stringMatching(
        /^config\.yaml:2:\d+: organization_trail\.per_account_alarms\[0\]: rule "root-acount-usage" is not enabled in mgmt, the organization trail's account \(did you mean "root-account-usage"\?\)/,
      ),
    ]);
    const noId = ORG.replace("control_tower: true }", "control_tower: true, per_account_alarms: [root-account-usage] }").replace(', id: "222222222222"', "");
    expect(problemsFor(noId)).toEqual([
      "config.yaml:11:5: accounts[1].id: organization_trail.per_account_alarms needs every account's id: an alarm watches each account's events by its id",
    ]);
  });

  test("per-account alarms cannot treat missing data as breaching: a quiet account would sit in ALARM", () => {
    const config = ORG.replace("control_tower: true }", "control_tower: true, per_account_alarms: [root-account-usage] }").replace(
      "defaults:\n",
      "defaults:\n  overrides:\n    root-account-usage: { alarm: { treat_missing_data: breaching } }\n",
    );
    expect(problemsFor(config)).toEqual([
      expect.stringContaining(
        "defaults.overrides.root-account-usage.alarm.treat_missing_data: the alarm for root-account-usage (per account): treat_missing_data breaching would keep every account's alarm in ALARM",
      ),
    ]);
  });

  test("a member's own rules, overrides, alarm and topics would do nothing: each is a located error naming the trail's account", () => {
    const config = ORG.replace(
      '  - { name: member, id: "222222222222", region: us-east-1 }',
      '  - name: member\n    id: "222222222222"\n    region: us-east-1\n    overrides: { root-account-usage: { alarm: { threshold: 10, single_event: false } } }\n    rules: { disable: [vpc-changes] }\n    topics: { own: { severities: [critical], subscriptions: [{ protocol: email, endpoint: me@example.com }] } }',
    );
    expect(config).not.toBe(ORG);
    const problems = problemsFor(config);
    for (const key of ["overrides", "rules", "topics"]) {
      expect(problems).toContainEqual(
        expect.stringMatching(
          new RegExp(`^config\\.yaml:\\d+:\\d+: accounts\\[1\\]\\.${key}: has no effect: under organization_trail this account's events alarm in mgmt`),
        ),
      );
    }
    expect(problems).toHaveLength(3);
  });

  test("a member turns an inherited topic off with null, and the rest of its monitoring with it", () => {
    const { model: org } = loadFrom(ORG);
    const member = org.accounts.find((candidate) => candidate.name === "member")!;
    expect(member.topics).toEqual([]);
    const { model: local } = loadFrom(
      MINIMAL.replace(
        "    region: us-east-1\n",
        "    region: us-east-1\n    topics:\n      alerts: null\n      own:\n        subscriptions: [{ protocol: email, endpoint: me@example.com }]\n        severities: [critical, high, medium, low, informational]\n",
      ),
    );
    expect(local.accounts[0].topics.map((topic) => topic.key)).toEqual(["own"]);
    expect(new Set(local.accounts[0].rules.map((rule) => rule.topic))).toEqual(new Set(["own"]));
  });
});

describe("Control Tower before and after landing zone 4.0 (a suffixed log group)", () => {
  const CT = `
organization_trail: { account: mgmt, control_tower: true }
defaults:
  topics:
    alerts:
      severities: [critical, high, medium, low, informational]
      subscriptions:
        - { protocol: email, endpoint: sec@example.com }
accounts:
  - { name: mgmt, id: "111111111111", region: us-east-1, organization_role: management }
  - { name: member, id: "222222222222", region: us-east-1 }
`;
  const central = (config: string) => {
    const { model } = loadFrom(config);
    return { model, account: model.accounts.find((candidate) => candidate.name === "mgmt")! };
  };

  test("by default the stack finds the one group that starts with aws-controltower/CloudTrailLogs, whatever its suffix", () => {
    const { model, account } = central(CT);
    expect(account.logGroup).toMatchObject({ mode: "existing", lookup: true, namePrefix: "aws-controltower/CloudTrailLogs" });
    const json = synthAccount(account, model) as TerraformJson & { data: Record<string, Record<string, Record<string, unknown>>> };
    expect(json.data.aws_cloudwatch_log_groups.cloudtrail).toMatchObject({
      log_group_name_prefix: "aws-controltower/CloudTrailLogs",
      lifecycle: { postcondition: [{ condition: "${length(self.log_group_names) == 1}" }] },
    });
    expect(json.data.aws_cloudwatch_log_group.cloudtrail.name).toBe("${one(data.aws_cloudwatch_log_groups.cloudtrail.log_group_names)}");
    // The filters refer to the group as they did when it was looked up by its name: nothing for them to change.
    for (const filter of Object.values(resources(json, "aws_cloudwatch_log_metric_filter")))
      expect(filter.log_group_name).toBe("${data.aws_cloudwatch_log_group.cloudtrail.name}");
  });

  test("a suffixed group named in organization_trail.log_group, or in the account's own log_group.name, is the one the filters watch", () => {
    for (const config of [
      CT.replace("control_tower: true }", "control_tower: true, log_group: aws-controltower/CloudTrailLogs-tfw-qeb }"),
      CT.replace("organization_role: management }", "organization_role: management, log_group: { name: aws-controltower/CloudTrailLogs-tfw-qeb } }"),
    ]) {
      const { model, account } = central(config);
      expect(account.logGroup).toMatchObject({ name: "aws-controltower/CloudTrailLogs-tfw-qeb", namePrefix: undefined });
      const json = synthAccount(account, model) as TerraformJson & { data: Record<string, Record<string, Record<string, unknown>>> };
      expect(json.data.aws_cloudwatch_log_group.cloudtrail.name).toBe("aws-controltower/CloudTrailLogs-tfw-qeb");
      expect(json.data.aws_cloudwatch_log_groups).toBeUndefined();
    }
  });

  test("without the lookup the name before 4.0 is taken, with a warning that says how to name 4.0's", () => {
    const { model } = loadFrom(CT.replace("defaults:\n", "defaults:\n  log_group: { lookup: false }\n"));
    expect(model.accounts.find((candidate) => candidate.name === "mgmt")!.logGroup).toMatchObject({ name: "aws-controltower/CloudTrailLogs", lookup: false });
    // (The config's placeholder e-mail address has a warning of its own.)
    expect(model.warnings.filter((warning) => !warning.includes("is a placeholder"))).toEqual([
      expect.stringContaining("on a 4.0 landing zone the name has a suffix (aws-controltower/CloudTrailLogs-tfw-...): set organization_trail.log_group to it"),
    ]);
  });

  test("a suffixed Control Tower group named outside the management account is refused like the unsuffixed one", () => {
    expect(problemsFor(MINIMAL.replace("log_group: { lookup: false }", "log_group: { name: aws-controltower/CloudTrailLogs-tfw-qeb, lookup: false }"))).toEqual(
      [expect.stringContaining("is AWS Control Tower's organization trail log group, which exists only in the management account")],
    );
  });
});

test("an existing Control Tower deployment (its group looked up by the name before 4.0) plans nothing when the lookup moves to the prefix", () => {
  const head = JSON.parse(synthAccountText(account("management"), model)) as StackJson & { data: Record<string, Record<string, Record<string, unknown>>> };
  const base = structuredClone(head);
  base.data.aws_cloudwatch_log_group.cloudtrail.name = "aws-controltower/CloudTrailLogs";
  delete (base.data as Record<string, unknown>).aws_cloudwatch_log_groups;
  const [stack] = predictChanges(new Map([["management", base]]), new Map([["management", head]])).stacks;
  expect(stack.status).toBe("unchanged");
});
