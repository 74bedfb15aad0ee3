import { join } from "node:path";
import { cdktfSynth } from "../support/cdktf-cli";
import { tempFiles } from "../support/temp-config";
import { expectedAddresses } from "../support/expected-addresses";
import { loadModel } from "../support/synth";
import { describeWithTerraform, plan, providerAliases, validate, workingCopy } from "../support/terraform";

jest.setTimeout(300_000);

/**
 * `cdktf synth --hcl` through the real CLI. cdktf 0.21 writes quoted provider and
 * depends_on references, which terraform warns are deprecated; lib/hcl-output.ts repairs
 * them, so every HCL stack must validate with no warnings at all.
 */
describeWithTerraform("cdktf synth --hcl", () => {
  const CONFIGS = ["rules/default.yaml", "rules/examples/seed-004.yaml", "rules/examples/multi-account.yaml"];

  test.each(CONFIGS)("%s: every HCL stack validates with no errors and no warnings", (config) => {
    const stacks = cdktfSynth(config, true);
    expect(stacks.size).toBe(loadModel(config).accounts.length);
    for (const [name, text] of stacks) {
      expect(text).not.toMatch(/provider\s*=\s*"/);
      const result = validate(workingCopy({ "cdk.tf": text }));
      expect({ stack: name, diagnostics: result.diagnostics }).toEqual({ stack: name, diagnostics: [] });
    }
  });

  test("the HCL plans the same resources as the JSON", () => {
    const model = loadModel("rules/examples/multi-account.yaml");
    const account = model.accounts.find((candidate) => candidate.name === "workload-prod")!;
    const json = cdktfSynth("rules/examples/multi-account.yaml", false).get("workload-prod")!;
    const hcl = cdktfSynth("rules/examples/multi-account.yaml", true).get("workload-prod")!;
    const changes = plan(workingCopy({ "cdk.tf": hcl }), providerAliases(json));
    expect(changes.map((change) => change.address)).toEqual(expectedAddresses(account));
  });
});

describeWithTerraform("moved blocks", () => {
  test("renamed rules and topics validate in JSON and HCL", () => {
    const config = `
defaults:
  rules: { enable: [vpc-changes] }
  overrides:
    vpc-changes: { moved_from: vpc-change }
  access_analyzer: { enabled: false }
  topics:
    security:
      moved_from: alerts
      kms: create
      severities: [critical, high, medium, low, informational]
      subscriptions: [{ protocol: email, endpoint: sec@example.com }]
  log_group: { lookup: false }
accounts:
  - { name: main, id: "123456789012", region: us-east-1 }
`;
    const file = join(tempFiles({ "config.yaml": config }), "config.yaml");
    for (const hcl of [false, true]) {
      const text = cdktfSynth(file, hcl).get("main")!;
      expect(text).toContain(hcl ? "moved {" : '"moved"');
      expect(validate(workingCopy({ [hcl ? "cdk.tf" : "cdk.tf.json"]: text })).diagnostics).toEqual([]);
    }
  });
});
