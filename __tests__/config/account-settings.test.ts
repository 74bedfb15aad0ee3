import { AccountSettings, merge } from "../../lib/config/account-settings";
import { YamlSource } from "../../lib/source/yaml-source";
import { DEFAULT_ALARM, layerAlarm } from "../../lib/config/alarm-settings";
import { MINIMAL, loadFrom } from "../support/temp-config";

/** The merge rule, stated: the one place that decides how `defaults` and an account combine. */
const source = YamlSource.parse(
  "config.yaml",
  `defaults:
  alarm: { period: 600, statistic: Sum }
  overrides:
    vpc-changes: { topic: pager, alarm: { threshold: 2, single_event: false } }
  regions: [us-east-1, eu-west-1]
  namespace: Shared
  tags: { Owner: platform, Team: a }
  log_group: { name: CloudTrail/x }
accounts:
  - name: main
    alarm: { evaluation_periods: 3 }
    overrides:
      vpc-changes: { alarm: { period: 60 } }
    regions: [ap-south-1]
    tags: { Team: b }
    log_group: CloudTrail/y
`,
);
const settings = new AccountSettings(source, 0);

describe("defaults merge into an account", () => {
  test("mappings merge key by key, at every depth", () => {
    expect(settings.get(["alarm"])).toEqual({ period: 600, statistic: "Sum", evaluation_periods: 3 });
    expect(settings.get(["overrides", "vpc-changes"])).toEqual({ topic: "pager", alarm: { threshold: 2, single_event: false, period: 60 } });
    expect(settings.get(["tags"])).toEqual({ Owner: "platform", Team: "b" });
  });

  test("lists and single values replace", () => {
    expect(settings.get(["regions"])).toEqual(["ap-south-1"]);
    expect(settings.get(["namespace"])).toBe("Shared");
  });

  test("an account's non-mapping over a default mapping replaces it (and the reverse)", () => {
    expect(settings.get(["log_group"])).toBe("CloudTrail/y");
    expect(merge([{ a: 1 }, "x"])).toEqual({ a: 1 });
    expect(merge(["x", { a: 1 }])).toBe("x");
  });

  test("keys: the defaults' first, then the account's own", () => {
    expect(settings.keys(["alarm"])).toEqual(["period", "statistic", "evaluation_periods"]);
  });

  test("a value is located where it is written; a missing one at its nearest written ancestor, named in full", () => {
    expect(settings.where(["alarm", "period"])).toMatchObject({ line: 2, field: "defaults.alarm.period" });
    expect(settings.where(["alarm", "evaluation_periods"])).toMatchObject({ line: 11, field: "accounts[0].alarm.evaluation_periods" });
    expect(settings.where(["overrides", "vpc-changes", "alarm", "period"])).toMatchObject({
      line: 13,
      field: "accounts[0].overrides.vpc-changes.alarm.period",
    });
    expect(settings.where(["alarm", "threshold"])).toMatchObject({ line: 11, field: "accounts[0].alarm.threshold" });
    expect(settings.where(["password_policy", "minimum_length"])).toMatchObject({ line: 10, field: "accounts[0].password_policy.minimum_length" });
  });
});

describe("an alarm's settings, layer by layer: built-in < pack rule < defaults < account < override", () => {
  const pack =
    "pack: custom\nrules:\n  - { id: my-rule, title: t, severity: low, description: d, metric_name: M, pattern: '{ $.eventName = X }', alarm: { period: 900, evaluation_periods: 2, datapoints_to_alarm: 1, threshold: 1 } }\n";
  const config = (account: string, override = "") =>
    `rule_packs: [custom.yaml]\n${MINIMAL.replace(
      "  log_group:",
      `  rules: { enable: [my-rule] }\n  alarm: { evaluation_periods: 3 }\n${override}  log_group:`,
    ).replace("    region: us-east-1\n", `    region: us-east-1\n${account}`)}`;
  const alarmOf = (text: string) => loadFrom(text, { "custom.yaml": pack }).model.accounts[0].rules[0].alarm;

  test("the layering function itself", () => {
    const { alarm, layerOf } = layerAlarm({ rule: { period: 900, threshold: 2 }, config: { period: 120 }, override: { threshold: 3 } });
    expect(alarm).toMatchObject({ period: 120, threshold: 3, statistic: DEFAULT_ALARM.statistic });
    expect([layerOf("period"), layerOf("threshold"), layerOf("statistic")]).toEqual(["config", "override", "built-in"]);
  });

  test("an account's explicit period beats the pack rule's; the pack's fills what the config leaves unset", () => {
    const alarm = alarmOf(config("    alarm: { period: 120 }\n"));
    expect(alarm).toMatchObject({ period: 120, evaluationPeriods: 3, datapointsToAlarm: 1, statistic: "Sum" });
    expect(alarmOf(config(""))).toMatchObject({ period: 900, evaluationPeriods: 3 });
  });

  test("a per-rule override beats the account", () => {
    const override = "  overrides:\n    my-rule: { alarm: { period: 60 } }\n";
    expect(alarmOf(config("    alarm: { period: 120 }\n", override))).toMatchObject({ period: 60 });
  });
});
