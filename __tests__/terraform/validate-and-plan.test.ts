import { MINIMAL, loadFrom } from "../support/temp-config";
import { loadModel, synthAccountText } from "../support/synth";
import { describeWithTerraform, plan, providerAliases, validate, workingCopy } from "../support/terraform";

jest.setTimeout(240_000);

describeWithTerraform("terraform validate", () => {
  test.each(["rules/default.yaml", "rules/examples/seed-000-002.yaml", "rules/examples/seed-004.yaml"])(
    "%s: every stack validates without errors or warnings",
    (config) => {
      const model = loadModel(config);
      for (const account of model.accounts) {
        const result = validate(workingCopy({ "cdk.tf.json": synthAccountText(account, model) }));
        expect(result.diagnostics).toEqual([]);
        expect(result.valid).toBe(true);
      }
    },
  );
});

describeWithTerraform("terraform plan (offline)", () => {
  test("plans exactly the resources the config asks for, all as creates", () => {
    const { model } = loadFrom(MINIMAL.replace("  log_group:", "  rules: { enable: [root-account-usage, vpc-changes] }\n  log_group:"));
    const account = model.accounts[0];
    const text = synthAccountText(account, model);
    const changes = plan(workingCopy({ "cdk.tf.json": text }), providerAliases(text));
    const regions = account.regions.map((region) => `aws_accessanalyzer_analyzer.${region.replace(/-/g, "_")}`);
    expect(changes.map((change) => change.address)).toEqual(
      [
        ...regions,
        "aws_cloudwatch_log_metric_filter.root_account_usage",
        "aws_cloudwatch_log_metric_filter.vpc_changes",
        "aws_cloudwatch_metric_alarm.root_account_usage",
        "aws_cloudwatch_metric_alarm.vpc_changes",
        "aws_iam_account_password_policy.account",
        "aws_sns_topic.alerts",
        "aws_sns_topic_policy.alerts",
        `aws_sns_topic_subscription.${account.topics[0].subscriptions[0].key}`.replace("subscription.", "subscription.alerts_"),
      ].sort(),
    );
    for (const change of changes) expect(change.actions).toEqual(["create"]);
  });
});
