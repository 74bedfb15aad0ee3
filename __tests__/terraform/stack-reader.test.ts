import { StackReader } from "../../lib/terraform/stack-reader";

/** The one reader of synthesized stacks that simulate, compliance and the review's Markdown share. */
const stack = {
  provider: { aws: [{ region: "us-east-1" }, { alias: "eu-west-1", region: "eu-west-1" }] },
  resource: {
    aws_cloudwatch_log_metric_filter: {
      root: { name: "cis-root", pattern: "{ $.x = 1 }", metric_transformation: [{ name: "RootUsage", namespace: "LogMetrics", value: "1" }] },
      handwritten: { name: "h", pattern: "x", metric_transformation: { name: "Hand", namespace: "Mine", value: "2", dimensions: { Account: "$.a" } } },
      broken: "not an object",
    },
    aws_sns_topic: { alerts: { name: "cis-security-alerts" } },
    aws_cloudwatch_metric_alarm: {
      root: {
        alarm_name: "cis-root",
        metric_name: "${aws_cloudwatch_log_metric_filter.root.metric_transformation[0].name}",
        namespace: "${aws_cloudwatch_log_metric_filter.root.metric_transformation[0].namespace}",
        alarm_actions: ["${aws_sns_topic.alerts.arn}", "${aws_sns_topic.gone.arn}", "arn:aws:sns:us-east-1:123456789012:elsewhere"],
      },
    },
  },
};

describe("StackReader", () => {
  const reader = new StackReader(stack);

  test("resolves the references the constructs write to the values they name; anything else stays as written", () => {
    const [[, alarm]] = reader.objects("aws_cloudwatch_metric_alarm");
    expect(reader.resolve(alarm.metric_name)).toBe("RootUsage");
    expect(reader.resolve(alarm.namespace)).toBe("LogMetrics");
    expect((alarm.alarm_actions as string[]).map((action) => reader.resolve(action))).toEqual([
      "cis-security-alerts",
      "${aws_sns_topic.gone.arn}",
      "arn:aws:sns:us-east-1:123456789012:elsewhere",
    ]);
    expect(reader.resolve("${aws_cloudwatch_log_metric_filter.broken.metric_transformation[0].name}")).toBe(
      "${aws_cloudwatch_log_metric_filter.broken.metric_transformation[0].name}",
    );
  });

  test("reads a metric transformation written as cdktf's list of one or as a single block", () => {
    const filters = new Map(reader.objects("aws_cloudwatch_log_metric_filter"));
    expect(StackReader.transformation(filters.get("root"))?.name).toBe("RootUsage");
    expect(StackReader.transformation(filters.get("handwritten"))?.name).toBe("Hand");
    expect(StackReader.dimensions(StackReader.transformation(filters.get("handwritten")))).toEqual({ Account: "$.a" });
    expect(StackReader.transformation("not an object")).toBeUndefined();
  });

  test("lists every body of a type, or only the objects; a provider alias's region", () => {
    expect(reader.resources("aws_cloudwatch_log_metric_filter").map(([name]) => name)).toEqual(["root", "handwritten", "broken"]);
    expect(reader.objects("aws_cloudwatch_log_metric_filter").map(([name]) => name)).toEqual(["root", "handwritten"]);
    expect(reader.providerRegions().get("aws.eu-west-1")).toBe("eu-west-1");
  });

  test.each([null, 7, "text", [], { resource: [] }, { resource: { aws_sns_topic: 3 } }, { provider: { aws: "x" } }])(
    "takes %p without throwing: nothing to read",
    (raw) => {
      const hostile = new StackReader(raw);
      expect(hostile.resources("aws_sns_topic")).toEqual([]);
      expect(hostile.providerRegions().size).toBe(0);
      expect(hostile.resolve("${aws_sns_topic.alerts.arn}")).toBe("${aws_sns_topic.alerts.arn}");
    },
  );
});
