import { repairHcl } from "../../lib/synth/hcl-output";

describe("repairHcl (cdktf 0.21 --hcl defects)", () => {
  test("quoted provider references become bare references", () => {
    expect(repairHcl('resource "x" "y" {\n  provider      = "aws.us_east_1"\n}')).toBe('resource "x" "y" {\n  provider      = aws.us_east_1\n}');
  });

  test("quoted depends_on entries become bare references", () => {
    const input = '  depends_on = [\n    "aws_s3_bucket_policy.cloudtrail",\n    "aws_iam_role_policy.cloudtrail",\n  ]\n  name = "x"';
    expect(repairHcl(input)).toBe('  depends_on = [\n    aws_s3_bucket_policy.cloudtrail,\n    aws_iam_role_policy.cloudtrail,\n  ]\n  name = "x"');
  });

  test("interpolation-only strings become expressions; mixed strings and literals stay", () => {
    expect(repairHcl('  arn = "${aws_sns_topic.alerts.arn}"')).toBe("  arn = aws_sns_topic.alerts.arn");
    expect(repairHcl('  m = "${aws_cloudwatch_log_metric_filter.a.metric_transformation[0].name}"')).toBe(
      "  m = aws_cloudwatch_log_metric_filter.a.metric_transformation[0].name",
    );
    expect(repairHcl('  n = "${data.aws_caller_identity.current.account_id}"')).toBe("  n = data.aws_caller_identity.current.account_id");
    expect(repairHcl('  g = "${aws_cloudwatch_log_group.cloudtrail.arn}:*"')).toBe('  g = "${aws_cloudwatch_log_group.cloudtrail.arn}:*"');
    expect(repairHcl('  p = "{$.eventName = \\"x\\"}"')).toBe('  p = "{$.eventName = \\"x\\"}"');
    expect(repairHcl('  d = "costs $${x}"')).toBe('  d = "costs $${x}"');
  });

  test("heredoc bodies (policy JSON) are left as they are", () => {
    const input = '  policy = <<EOF\n{\n  "Resource": "${aws_sns_topic.alerts.arn}",\n  "provider": "aws.x"\n}\nEOF\n  arn = "${aws_sns_topic.alerts.arn}"';
    expect(repairHcl(input)).toBe(
      '  policy = <<EOF\n{\n  "Resource": "${aws_sns_topic.alerts.arn}",\n  "provider": "aws.x"\n}\nEOF\n  arn = aws_sns_topic.alerts.arn',
    );
  });

  test("empty lists lose cdktf's blank line", () => {
    expect(repairHcl("  ok_actions = [\n\n  ]\n")).toBe("  ok_actions = []\n");
  });
});

test("lifecycle conditions that cdktf renders as a list attribute become blocks", () => {
  const cdktf = [
    'data "aws_cloudwatch_log_groups" "cloudtrail" {',
    "  lifecycle {",
    "    postcondition = [",
    "      {",
    '        condition     = "${length(self.log_group_names) == 1}"',
    '        error_message = "one"',
    "      },",
    "    ]",
    "  }",
    "}",
  ].join("\n");
  expect(repairHcl(cdktf)).toBe(
    [
      'data "aws_cloudwatch_log_groups" "cloudtrail" {',
      "  lifecycle {",
      "    postcondition {",
      '        condition     = "${length(self.log_group_names) == 1}"',
      '        error_message = "one"',
      "    }",
      "  }",
      "}",
    ].join("\n"),
  );
});
