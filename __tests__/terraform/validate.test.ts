import { loadModel, synthAccountText } from "../support/synth";
import { describeWithTerraform, validate, workingCopy } from "../support/terraform";

jest.setTimeout(300_000);

const CONFIGS = ["rules/default.yaml", "rules/examples/seed-000-002.yaml", "rules/examples/seed-004.yaml", "rules/examples/multi-account.yaml"];

describeWithTerraform("terraform validate (JSON)", () => {
  const cases = CONFIGS.flatMap((config) => {
    const model = loadModel(config);
    return model.accounts.map((account) => [config, account.name, () => synthAccountText(account, model)] as const);
  });
  test.each(cases)("%s: stack %s validates with no errors and no warnings", (_, __, synth) => {
    const result = validate(workingCopy({ "cdk.tf.json": synth() }));
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
