import { expectedAddresses } from "../support/expected-addresses";
import { MINIMAL, loadFrom } from "../support/temp-config";
import { loadModel, synthAccountText } from "../support/synth";
import { describeWithTerraform, plan, providerAliases, workingCopy } from "../support/terraform";

jest.setTimeout(300_000);

/**
 * Offline plans. The default config reads AWS at plan time (data sources for the account id
 * and the log group), so it is checked by validate only; these configs set the account id
 * and log_group.lookup: false, which is the switch users have for the same reason.
 */
describeWithTerraform("terraform plan (offline)", () => {
  test("a minimal config plans exactly its resources, all as creates", () => {
    const { model } = loadFrom(MINIMAL.replace("  log_group:", "  rules: { enable: [root-account-usage, vpc-changes] }\n  log_group:"));
    const account = model.accounts[0];
    const text = synthAccountText(account, model);
    const changes = plan(workingCopy({ "cdk.tf.json": text }), providerAliases(text));
    expect(changes.map((change) => change.address)).toEqual(expectedAddresses(account));
    expect(changes.map((change) => change.address)).toContain("aws_cloudwatch_metric_alarm.vpc_changes");
    for (const change of changes) expect(change.actions).toEqual(["create"]);
  });

  const model = loadModel("rules/examples/multi-account.yaml");
  test.each(model.accounts.map((account) => [account.name, account] as const))(
    "multi-account: stack %s plans exactly what its config asks for",
    (_, account) => {
      const text = synthAccountText(account, model);
      const changes = plan(workingCopy({ "cdk.tf.json": text }), providerAliases(text));
      expect(changes.map((change) => change.address)).toEqual(expectedAddresses(account));
      for (const change of changes) expect(change.actions).toEqual(["create"]);
    },
  );
});

describeWithTerraform("config text reaches AWS as written", () => {
  test("${...} and %{...} in patterns, descriptions, tags and display names are not Terraform templates", () => {
    const config = MINIMAL.replace("  log_group:", "  tags: { Note: 'costs ${team}' }\n  overrides:\n    vpc-changes: { alarm_description: 'see %{runbook}' }\n  rules: { enable: [vpc-changes] }\n  log_group:").replace(
      "    alerts:\n",
      "    alerts:\n      display_name: 'CIS ${x}'\n",
    );
    const { model } = loadFrom(config);
    const account = model.accounts[0];
    const text = synthAccountText(account, model);
    const changes = plan(workingCopy({ "cdk.tf.json": text }), providerAliases(text));
    const after = (address: string) => changes.find((change) => change.address === address)!.after;
    expect(after("aws_cloudwatch_metric_alarm.vpc_changes").alarm_description).toBe("see %{runbook}");
    expect(after("aws_cloudwatch_metric_alarm.vpc_changes").tags_all).toEqual({ Note: "costs ${team}" });
    expect(after("aws_sns_topic.alerts").display_name).toBe("CIS ${x}");
  });
});
