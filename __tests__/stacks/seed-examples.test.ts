import { loadModel, resources, synthAccount, synthAccountText } from "../support/synth";

describe("rules/examples/seed-000-002.yaml reproduces seeds 000 and 002", () => {
  const model = loadModel("rules/examples/seed-000-002.yaml");
  const account = model.accounts[0];
  const json = synthAccount(account, model);

  test("the same resources: 2 filters, 2 alarms, 2 topics with one e-mail subscription each, the log group data source", () => {
    expect(Object.keys(json.resource).sort()).toEqual([
      "aws_cloudwatch_log_metric_filter",
      "aws_cloudwatch_metric_alarm",
      "aws_sns_topic",
      "aws_sns_topic_policy",
      "aws_sns_topic_subscription",
    ]);
    expect(json.data?.aws_cloudwatch_log_group?.cloudtrail).toMatchObject({ name: "CloudTrail/DefaultLogGroup" });
    const filters = Object.values(resources(json, "aws_cloudwatch_log_metric_filter"));
    expect(filters.map((filter) => [filter.name, (filter.metric_transformation as { name: string }).name]).sort()).toEqual([
      ["IAMPolicyChangeFilter", "IAMPolicyChangeCount"],
      ["S3BucketPolicyChangeFilter", "S3BucketPolicyChangeCount"],
    ]);
    for (const filter of filters) expect(filter.metric_transformation).toMatchObject({ namespace: "CloudTrailMetrics", value: "1", default_value: "0" });
    const topics = Object.values(resources(json, "aws_sns_topic")).map((topic) => topic.name);
    expect(topics.sort()).toEqual(["iam-policy-change-alerts", "s3-bucket-policy-change-alerts"]);
    const subscriptions = Object.values(resources(json, "aws_sns_topic_subscription"));
    expect(subscriptions.map((s) => [s.protocol, s.endpoint])).toEqual([
      ["email", "your-security-email@example.com"],
      ["email", "your-security-email@example.com"],
    ]);
  });

  test("the seeds' patterns: 16 IAM event names, and PutBucketPolicy / DeleteBucketPolicy", () => {
    const iam = resources(json, "aws_cloudwatch_log_metric_filter").seed_iam_policy_change.pattern as string;
    expect(iam.match(/\$\.eventName = "/g)).toHaveLength(16);
    expect(resources(json, "aws_cloudwatch_log_metric_filter").seed_s3_bucket_policy_change.pattern).toBe(
      '{ ($.eventName = "PutBucketPolicy") || ($.eventName = "DeleteBucketPolicy") }',
    );
  });

  test("Sum / 300 s / > 0 alarms with OK actions, each to its own topic, and no dimensions (the seeds' defect)", () => {
    const alarms = resources(json, "aws_cloudwatch_metric_alarm");
    expect(alarms.seed_iam_policy_change).toMatchObject({
      alarm_name: "IAMPolicyChangeAlarm",
      statistic: "Sum",
      period: 300,
      comparison_operator: "GreaterThanThreshold",
      threshold: 0,
      evaluation_periods: 1,
      alarm_actions: ["${aws_sns_topic.iam_policy_change_alerts.arn}"],
      ok_actions: ["${aws_sns_topic.iam_policy_change_alerts.arn}"],
    });
    expect(alarms.seed_s3_bucket_policy_change).toMatchObject({
      alarm_name: "S3BucketPolicyChangeAlarm",
      alarm_actions: ["${aws_sns_topic.s3_bucket_policy_change_alerts.arn}"],
    });
    for (const alarm of Object.values(alarms)) expect(alarm).not.toHaveProperty("dimensions");
  });

  test("snapshot", () => {
    expect(synthAccountText(account, model)).toMatchSnapshot();
  });
});

describe("rules/examples/seed-004.yaml reproduces seed 004", () => {
  const model = loadModel("rules/examples/seed-004.yaml");
  const account = model.accounts[0];
  const json = synthAccount(account, model);
  const alarms = Object.values(resources(json, "aws_cloudwatch_metric_alarm"));

  test("14 CIS v1.2.0 controls (3.1-3.14) in LogMetrics, 60 s Maximum >= 1, missing data not breaching", () => {
    expect(account.rules.map((rule) => rule.definition.references.cisV120).sort((a, b) => Number(a!.split(".")[1]) - Number(b!.split(".")[1]))).toEqual(
      Array.from({ length: 14 }, (_, i) => `3.${i + 1}`),
    );
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        period: 60,
        statistic: "Maximum",
        comparison_operator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        treat_missing_data: "notBreaching",
      });
      expect(alarm.ok_actions).toEqual(alarm.alarm_actions);
    }
    for (const filter of Object.values(resources(json, "aws_cloudwatch_log_metric_filter"))) {
      expect(filter.metric_transformation).toMatchObject({ namespace: "LogMetrics" });
    }
  });

  test("Warning- and Notice- alarm names as in the seed", () => {
    const names = alarms.map((alarm) => String(alarm.alarm_name));
    expect(names.filter((name) => name.startsWith("Warning-cis-baseline-CloudTrail-"))).toHaveLength(9);
    expect(names.filter((name) => name.startsWith("Notice-cis-baseline-CloudTrail-"))).toHaveLength(5);
  });

  test("3.1 alarms on 6 of 60 one-minute datapoints", () => {
    expect(resources(json, "aws_cloudwatch_metric_alarm").unauthorized_api_calls).toMatchObject({
      alarm_name: "Warning-cis-baseline-CloudTrail-Unauthorized-API-Calls",
      evaluation_periods: 60,
      datapoints_to_alarm: 6,
    });
  });

  test("the topic accepts CloudWatch alarms only (the seed let anyone publish)", () => {
    const [policy] = Object.values(resources(json, "aws_sns_topic_policy"));
    const statements = JSON.parse(String(policy.policy)).Statement as { Effect: string; Principal: unknown }[];
    expect(statements.filter((statement) => statement.Effect === "Allow").map((statement) => statement.Principal)).toEqual([
      { Service: "cloudwatch.amazonaws.com" },
    ]);
  });

  test("snapshot", () => {
    expect(synthAccountText(account, model)).toMatchSnapshot();
  });
});
