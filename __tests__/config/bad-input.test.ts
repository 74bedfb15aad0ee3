import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../lib/config/load-config";
import { ROOT } from "../support/synth";
import { MINIMAL, problemsFor } from "../support/temp-config";

/**
 * Every kind of bad input the config loader must refuse, each with the file, line, column
 * and field in its message. Mutations start from MINIMAL, which loads cleanly.
 */
describe("bad input is refused with file:line:column: field: message", () => {
  test("the minimal config is valid", () => {
    expect(problemsFor(MINIMAL)).toEqual([]);
  });

  test("a missing config file", () => {
    expect(() => loadConfig("/nonexistent/cis.yaml")).toThrow("/nonexistent/cis.yaml:1:1: file not found");
  });

  test("YAML syntax errors name line and column", () => {
    const problems = problemsFor("defaults:\n  namespace: [LogMetrics\naccounts: []\n");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^config\.yaml:\d+:\d+: YAML syntax error: /);
  });

  test("duplicate keys are a syntax error, not a silent override", () => {
    const problems = problemsFor(MINIMAL.replace("  log_group: { lookup: false }", "  namespace: A\n  namespace: B"));
    expect(problems).toEqual([expect.stringMatching(/^config\.yaml:9:3: YAML syntax error: Map keys must be unique/)]);
  });

  test("unknown keys, with a suggestion and the allowed keys", () => {
    const problems = problemsFor(MINIMAL.replace("log_group: { lookup: false }", "log_group: { lookup: false }\n  alarm: { peroid: 60 }"));
    expect(problems).toEqual([
      'config.yaml:9:12: defaults.alarm.peroid: unknown key "peroid" (did you mean "period"?); allowed keys: period, statistic, comparison, threshold, evaluation_periods, datapoints_to_alarm, treat_missing_data, single_event',
    ]);
  });

  test("wrong types, including the account id YAML reads as a number", () => {
    const problems = problemsFor(MINIMAL.replace('id: "123456789012"', "id: 012345678901").replace("lookup: false", "lookup: nope"));
    expect(problems).toEqual([
      'config.yaml:8:24: defaults.log_group.lookup: expected boolean, got string "nope"',
      "config.yaml:11:9: accounts[0].id: expected string, got integer 12345678901 (put the value in quotes to make it a string)",
    ]);
  });

  test("enum values with a suggestion", () => {
    const problems = problemsFor(MINIMAL.replace("log_group: { lookup: false }", "log_group: { lookup: false }\n  alarm: { statistic: sum }"));
    expect(problems).toEqual([
      'config.yaml:9:23: defaults.alarm.statistic: string "sum" is not one of "Sum", "Maximum", "Minimum", "Average", "SampleCount" (did you mean "Sum"?)',
    ]);
  });

  test("selection of unknown rule ids and packs", () => {
    const problems = problemsFor(
      MINIMAL.replace("log_group: { lookup: false }", "log_group: { lookup: false }\n  rules: { enable: [root-acount-usage, pack:cys], disable: [nope] }"),
    );
    expect(problems).toEqual([
      'config.yaml:9:21: defaults.rules.enable[0]: unknown rule id "root-acount-usage" (did you mean "root-account-usage"?)',
      'config.yaml:9:40: defaults.rules.enable[1]: unknown rule pack "cys" (did you mean "pack:cis"?); packs: cis, seeds',
      'config.yaml:9:61: defaults.rules.disable[0]: unknown rule id "nope"',
    ]);
  });

  test("overrides for unknown rules", () => {
    const problems = problemsFor(
      MINIMAL.replace("log_group: { lookup: false }", "log_group: { lookup: false }\n  overrides:\n    vpc-change: { topic: alerts }"),
    );
    expect(problems).toEqual(['config.yaml:10:17: defaults.overrides.vpc-change: override for unknown rule id "vpc-change" (did you mean "vpc-changes"?)']);
  });

  test("a missing config value: an account without region", () => {
    expect(problemsFor(MINIMAL.replace("    region: us-east-1\n", ""))).toEqual(['config.yaml:10:5: accounts[0]: missing required key "region"']);
  });

  test("unknown regions", () => {
    expect(problemsFor(MINIMAL.replace("region: us-east-1", "region: us-east-7"))).toEqual([
      'config.yaml:12:13: accounts[0].region: unknown AWS region "us-east-7" (did you mean "us-east-1"?)',
    ]);
  });
});

describe("rule packs", () => {
  const pack = (rules: string) => `pack: custom\nrules:\n${rules}`;
  const rule = (id: string, pattern: string) =>
    `  - id: ${id}\n    title: t\n    severity: low\n    description: d\n    metric_name: M${id.replace(/-/g, "")}\n    pattern: '${pattern}'\n`;
  const withPack = (packText: string) =>
    problemsFor(
      `rule_packs: [custom.yaml]\n${MINIMAL.replace("log_group: { lookup: false }", "log_group: { lookup: false }\n  rules: { enable: [pack:custom] }")}`,
      {
        "custom.yaml": packText,
      },
    );

  test("duplicate rule ids, also across packs", () => {
    expect(withPack(pack(rule("my-rule", "{ $.a = 1 }") + rule("my-rule", "{ $.a = 2 }")))).toEqual([
      expect.stringMatching(/^custom\.yaml:9:9: rules\[1\]\.id: duplicate rule id "my-rule" \(first defined at .*custom\.yaml:3\)$/),
    ]);
    expect(withPack(pack(rule("root-account-usage", "{ $.a = 1 }")))).toEqual([
      expect.stringMatching(/^custom\.yaml:3:9: rules\[0\]\.id: duplicate rule id "root-account-usage" \(first defined at rules\/packs\/cis\.yaml:\d+\)$/),
    ]);
  });

  test.each([
    ["{ ($.eventName = CreateTrail }", "column 3 of the pattern: unbalanced parentheses: '(' at column 3 is never closed"],
    ["{ $.eventName = CreateTrail", "column 1 of the pattern: unbalanced braces: '{' at column 1 is never closed"],
    ['{ $.eventName = "CreateTrail }', "column 17 of the pattern: unbalanced quotes: the string opened at column 17 is never closed"],
    ["{ $.eventName = CreateTrail) }", "column 28 of the pattern: unbalanced parentheses: ')' at column 28 has no matching '('"],
    ["{ $.eventName CreateTrail }", "column 15 of the pattern: expected an operator"],
  ])("pattern %s is refused with the column inside it", (pattern, message) => {
    const problems = withPack(pack(rule("bad-pattern", pattern)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`custom.yaml:8:14: rules[0].pattern: ${message}`);
    expect(problems[0]).toContain(`\n    ${pattern}\n`); // the pattern with a caret under the column
  });

  test("a pattern over 1024 characters", () => {
    const long = `{ ${Array.from({ length: 60 }, (_, i) => `($.eventName = "SomeLongEventName${i}")`).join(" || ")} }`;
    expect(long.length).toBeGreaterThan(1024);
    expect(withPack(pack(rule("too-long", long)))).toEqual([
      `custom.yaml:8:14: rules[0].pattern: the pattern is ${long.length} characters long; CloudWatch Logs accepts at most 1024`,
    ]);
  });

  test("more than 100 metric filters on one log group", () => {
    const rules = Array.from({ length: 101 }, (_, i) => rule(`r${i}`, `{ $.eventName = E${i} }`)).join("");
    const problems = withPack(pack(rules));
    expect(problems).toEqual([
      "config.yaml:10:10: defaults.rules: 101 metric filters would go on the log group, but a log group holds at most 100 (and filters the stack does not manage count too)",
    ]);
  });

  test("a pack that breaks the pack schema", () => {
    expect(withPack("pack: custom\nrules:\n  - id: Bad_Id\n    title: t\n")).toEqual(
      [
        'custom.yaml:3:5: rules[0]: missing required key "severity"',
        'custom.yaml:3:5: rules[0]: missing required key "description"',
        'custom.yaml:3:5: rules[0]: missing required key "metric_name"',
        'custom.yaml:3:5: rules[0]: missing required key "pattern"',
        'custom.yaml:3:9: rules[0].id: "Bad_Id" is not a valid rule id (lowercase letters, digits and hyphens, starting with a letter or digit)',
      ].sort(),
    );
  });
});

describe("AWS name rules and limits", () => {
  const override = (fields: string) =>
    problemsFor(MINIMAL.replace("log_group: { lookup: false }", `log_group: { lookup: false }\n  overrides:\n    vpc-changes: { ${fields} }`));

  test("alarm names longer than 255 characters", () => {
    expect(override(`alarm_name: ${"a".repeat(256)}`)).toEqual([
      "config.yaml:10:32: defaults.overrides.vpc-changes.alarm_name: alarm name is 256 characters; CloudWatch accepts at most 255",
    ]);
  });

  test("filter and metric names with : or *", () => {
    expect(override('filter_name: "vpc:changes", metric_name: "Vpc*Changes"')).toEqual([
      'config.yaml:10:33: defaults.overrides.vpc-changes.filter_name: metric filter name "vpc:changes" may not contain : or *',
      'config.yaml:10:61: defaults.overrides.vpc-changes.metric_name: metric name "Vpc*Changes" may not contain :, * or $',
    ]);
  });

  test("metric names shared by two rules", () => {
    expect(override("metric_name: RootAccountUsage")).toEqual([
      'config.yaml:10:18: defaults.overrides.vpc-changes: rules root-account-usage and vpc-changes share the metric name in namespace LogMetrics "RootAccountUsage"',
    ]);
  });

  test("SNS topic names: charset, length and FIFO", () => {
    const topic = (name: string) => problemsFor(MINIMAL.replace("    alerts:\n", `    alerts:\n      name: ${name}\n`));
    expect(topic("bad.name")).toEqual(['config.yaml:5:13: defaults.topics.alerts.name: SNS topic name "bad.name" must be 1-256 letters, digits, - and _']);
    expect(topic("x".repeat(257))).toHaveLength(1);
    expect(topic("alerts.fifo")).toEqual([
      'config.yaml:5:13: defaults.topics.alerts.name: topic "alerts.fifo" is a FIFO topic; CloudWatch alarms can only notify standard topics',
    ]);
  });

  test("malformed e-mail addresses and endpoints", () => {
    const subscription = (text: string) => problemsFor(MINIMAL.replace("{ protocol: email, endpoint: sec@example.com }", text));
    expect(subscription("{ protocol: email, endpoint: sec.example.com }")).toEqual([
      'config.yaml:7:40: defaults.topics.alerts.subscriptions[0].endpoint: "sec.example.com" is not an e-mail address',
    ]);
    expect(subscription("{ protocol: https, endpoint: http://hooks.example.com/x }")[0]).toContain("must use https://");
    expect(subscription("{ protocol: sqs, endpoint: arn:aws:sns:us-east-1:123456789012:q }")[0]).toContain(
      "is not a sqs ARN like arn:aws:sqs:us-east-1:123456789012:alerts",
    );
    expect(subscription("{ protocol: lambda, endpoint: arn:aws:lambda:us-east-1:123456789012:notify }")[0]).toContain("is not a lambda ARN");
    expect(subscription("{ protocol: sms, endpoint: '555-0100' }")[0]).toContain("is not an E.164 phone number");
    expect(subscription("{ protocol: firehose, endpoint: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/s' }")).toEqual([
      "config.yaml:7:11: defaults.topics.alerts.subscriptions[0].role_arn: firehose subscriptions need role_arn (the role SNS assumes to write to the stream)",
    ]);
  });

  test("malformed role and key ARNs", () => {
    expect(problemsFor(MINIMAL.replace("region: us-east-1", "region: us-east-1\n    role_arn: arn:aws:iam::123:role/x"))).toEqual([
      'config.yaml:13:15: accounts[0].role_arn: "arn:aws:iam::123:role/x" is not a iam ARN like arn:aws:iam::123456789012:role/name',
    ]);
    expect(problemsFor(MINIMAL.replace("    alerts:\n", "    alerts:\n      kms: my-key\n"))[0]).toContain(
      'defaults.topics.alerts.kms: "my-key" is not a kms ARN',
    );
  });

  test("the aws/sns managed key is refused with the reason", () => {
    expect(problemsFor(MINIMAL.replace("    alerts:\n", "    alerts:\n      kms: alias/aws/sns\n"))).toEqual([
      'config.yaml:5:12: defaults.topics.alerts.kms: the AWS managed key aws/sns cannot be used: its key policy does not let CloudWatch use it, so alarm notifications are silently dropped; use "create" or a customer-managed key',
    ]);
  });
});

describe("routing and alarms that could never notify anyone", () => {
  test("a severity no topic takes", () => {
    const problems = problemsFor(MINIMAL.replace("[critical, high, medium, low, informational]", "[critical, high]"));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(
      /defaults\.topics: no topic takes severity "medium" \(rule [a-z-]+\); add it to a topic's severities or set overrides\.[a-z-]+\.topic$/,
    );
  });

  test("a severity claimed by two topics", () => {
    const problems = problemsFor(
      MINIMAL.replace("  log_group:", "    other:\n      severities: [low]\n      subscriptions: [{ protocol: email, endpoint: a@example.com }]\n  log_group:"),
    );
    expect(problems).toEqual([
      'config.yaml:9:19: defaults.topics.other.severities: severity "low" is already routed to topic "alerts"; each severity goes to one topic',
    ]);
  });

  test("a topic that receives alarms but has no subscriptions", () => {
    expect(problemsFor(MINIMAL.replace("      subscriptions:\n        - { protocol: email, endpoint: sec@example.com }\n", ""))).toEqual([
      'config.yaml:4:5: defaults.topics.alerts: topic "alerts" receives alarms but has no subscriptions or chatbot channel: nobody would be notified (and Security Hub\'s CloudWatch checks fail)',
    ]);
  });

  test("alarms that need more than one event unless marked as rate alarms", () => {
    const base = MINIMAL.replace("log_group: { lookup: false }", "log_group: { lookup: false }\n  rules: { enable: [vpc-changes] }\n  alarm: ALARM");
    expect(problemsFor(base.replace("ALARM", "{ threshold: 3 }"))).toEqual([
      "config.yaml:10:23: defaults.alarm.threshold: the alarm for vpc-changes would need 3 matching events to fire; lower the threshold / datapoints_to_alarm, or set alarm.single_event: false if a rate alarm is intended",
    ]);
    expect(problemsFor(base.replace("ALARM", "{ threshold: 3, single_event: false }"))).toEqual([]);
    expect(problemsFor(base.replace("ALARM", "{ statistic: Maximum, threshold: 2, single_event: false }"))).toEqual([
      "config.yaml:10:43: defaults.alarm.threshold: the alarm for vpc-changes can never fire: a datapoint can never exceed 1 with Maximum, so threshold 2 (GreaterThanOrEqualToThreshold) is never reached",
    ]);
    expect(problemsFor(base.replace("ALARM", "{ statistic: Average }"))[0]).toContain("Average also counts the default value");
    expect(problemsFor(base.replace("ALARM", "{ comparison: LessThanThreshold }"))[0]).toContain("fires when matches are absent");
    expect(problemsFor(base.replace("ALARM", "{ period: 90 }"))[0]).toContain("period 90 must be a multiple of 60");
    // A shared default that breaks every rule is reported once, naming them all.
    const everyRule = problemsFor(MINIMAL.replace("log_group: { lookup: false }", "log_group: { lookup: false }\n  alarm: { threshold: 2 }"));
    expect(everyRule).toHaveLength(1);
    expect(everyRule[0]).toMatch(
      /^config\.yaml:9:23: defaults\.alarm\.threshold: the alarms for cloudtrail-changes, cmk-disable-or-deletion, .*, vpc-changes would need 2 matching events to fire/,
    );
    expect(problemsFor(base.replace("ALARM", "{ period: 3600, evaluation_periods: 25 }"))[0]).toContain("CloudWatch allows at most one day");
  });
});

describe("one mistake, one message, all of them in one run", () => {
  test("a typo in a shared default is reported once, not again as its consequences in accounts that have topics of their own", () => {
    const config = readFileSync(join(ROOT, "rules", "examples", "multi-account.yaml"), "utf8").replace(
      "severities: [critical, high]",
      "severities: [critcal, high]",
    );
    expect(problemsFor(config)).toEqual([
      expect.stringMatching(/^config\.yaml:\d+:\d+: defaults\.topics\.security-alerts\.severities\[0\]: string "critcal" is not one of/),
    ]);
  });

  test("a per-account alarm problem is reported with an unrelated one, not only after it is fixed", () => {
    const config = `organization_trail: { account: mgmt, per_account_alarms: [root-acount-usage] }\n${MINIMAL.replace("accounts:\n  - name: main", "accounts:\n  - name: mgmt").replace("lookup: false", "lookup: flase")}`;
    const problems = problemsFor(config);
    expect(problems).toEqual([
      expect.stringContaining('organization_trail.per_account_alarms[0]: rule "root-acount-usage" is not enabled in mgmt'),
      expect.stringContaining('defaults.log_group.lookup: expected boolean, got string "flase"'),
    ]);
  });
});
