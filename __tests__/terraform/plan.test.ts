import { expectedAddresses } from "../support/expected-addresses";
import { MINIMAL, loadFrom } from "../support/temp-config";
import { loadModel, synthAccountText, synthRegionalText } from "../support/synth";
import { describeWithTerraform, plan, workingCopy } from "../support/terraform";

jest.setTimeout(300_000);

/**
 * Offline plans of the multi-account example: each stack plans exactly the addresses its
 * config asks for, all as creates. (The default config reads AWS at plan time, so it is
 * validated instead; these configs set the account id and log_group.lookup: false, which
 * is the switch users have for the same reason.) Of the regional stacks, security-tooling's
 * (four regions, one opt-in) is planned: each planned region starts a provider process.
 */
describeWithTerraform("terraform plan (offline)", () => {
  const model = loadModel("rules/examples/multi-account.yaml");
  const stacks = [
    ...model.accounts.map((account) => [account.stacks.home, account, () => synthAccountText(account, model)] as const),
    ...model.accounts
      .filter((account) => account.name === "security-tooling")
      .map((account) => [account.stacks.regional, account, () => synthRegionalText(account, model)] as const),
  ];
  test.each(stacks)("multi-account: stack %s plans exactly what its config asks for", (name, account, synth) => {
    const text = synth();
    const changes = plan(workingCopy({ "cdk.tf.json": text }), text);
    const expected = expectedAddresses(account).filter((address) => (name === account.stacks.regional) === address.startsWith("aws_accessanalyzer_analyzer."));
    expect(changes.map((change) => change.address)).toEqual(expected);
    for (const change of changes) expect(change.actions).toEqual(["create"]);
  });
});

describeWithTerraform("config text reaches AWS as written", () => {
  // (Tags cannot hold $ or braces at all: AWS's tag character rules refuse them at synth.)
  test("${...} and %{...} in descriptions and display names are not Terraform templates", () => {
    const config = MINIMAL.replace(
      "  log_group:",
      "  overrides:\n    vpc-changes: { alarm_description: 'see %{runbook} for ${team}' }\n  rules: { enable: [vpc-changes] }\n  log_group:",
    ).replace("    alerts:\n", "    alerts:\n      display_name: 'CIS ${x}'\n");
    const { model } = loadFrom(config);
    const account = model.accounts[0];
    const text = synthAccountText(account, model);
    const changes = plan(workingCopy({ "cdk.tf.json": text }), text);
    const after = (address: string) => changes.find((change) => change.address === address)!.after;
    expect(after("aws_cloudwatch_metric_alarm.vpc_changes").alarm_description).toBe("see %{runbook} for ${team}");
    expect(after("aws_sns_topic.alerts").display_name).toBe("CIS ${x}");
  });
});
