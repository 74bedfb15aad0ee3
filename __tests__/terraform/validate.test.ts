import { loadModel, synthAccountText, synthRegionalStacks } from "../support/synth";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeWithTerraform, mustSucceed, scratchFolder, validate, workingCopy } from "../support/terraform";
import { MINIMAL, loadFrom } from "../support/temp-config";

jest.setTimeout(300_000);

/**
 * terraform validate on the shipped configs' stacks that no other terraform test plans.
 * (The multi-account account stacks are planned in plan.test.ts, the day-2 matrix plans
 * its own; the default config reads AWS at plan time, so it is validated.) Every account
 * stack is validated; of the regional stacks, which differ only in their region lists and
 * analyzer settings, the multi-account management one (17 regions, ORGANIZATION with
 * unused-access analyzers); the day-2 matrix plans a plain one.
 */
const HOME = ["rules/default.yaml", "rules/examples/seed-000-002.yaml", "rules/examples/seed-004.yaml"];
const REGIONAL: [string, string][] = [["rules/examples/multi-account.yaml", "management"]];

describeWithTerraform("terraform validate (JSON)", () => {
  const home = HOME.flatMap((config) => {
    const model = loadModel(config);
    return model.accounts.map((account) => [config, account.stacks.home, () => synthAccountText(account, model)] as const);
  });
  const regional = REGIONAL.map(([config, name]) => {
    const model = loadModel(config);
    const account = model.accounts.find((candidate) => candidate.name === name)!;
    return [config, account.stacks.regional[0].name, () => synthRegionalStacks(account, model).get(account.stacks.regional[0].name)!] as const;
  });
  test.each([...home, ...regional])("%s: stack %s validates with no errors and no warnings", (_, __, synth) => {
    const result = validate(workingCopy({ "cdk.tf.json": synth() }));
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });
});

describeWithTerraform("terraform validate: HCP Terraform / Terraform Enterprise backend", () => {
  test("a cloud block per stack: terraform init -backend=false and validate pass, with no warnings", () => {
    const { model } = loadFrom(`backend:\n  cloud: { organization: acme, project: security, hostname: tfe.example.com }\n${MINIMAL}`);
    const account = model.accounts[0];
    const stacks = [synthAccountText(account, model), synthRegionalStacks(account, model).get("main-regions")!];
    for (const text of stacks) {
      expect(JSON.parse(text).terraform.cloud).toBeDefined();
      const dir = scratchFolder();
      writeFileSync(join(dir, "cdk.tf.json"), text);
      mustSucceed(dir, ["init", "-backend=false", "-input=false", "-no-color"]);
      const result = validate(dir);
      expect(result.diagnostics).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });
});
