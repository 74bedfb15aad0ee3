import { join } from "node:path";
import { cdktfSynth } from "../support/cdktf-cli";
import { tempFiles } from "../support/temp-config";
import { expectedAddresses } from "../support/expected-addresses";
import { loadModel, synthAccountText } from "../support/synth";
import { stacksOf } from "../../lib/model/stack-names";
import { synthConfigText } from "../support/synth-config";
import { readFileSync } from "node:fs";
import { runEntry } from "../support/run";
import { describeWithTerraform, plan, scratchFolder, terraform, validate, workingCopy } from "../support/terraform";

jest.setTimeout(300_000);

/**
 * `cdktf synth --hcl` through the real CLI. cdktf 0.21 writes quoted provider and
 * depends_on references, which terraform warns are deprecated, and drops `removed` blocks;
 * lib/synth/hcl-output.ts repairs both, so HCL stacks must validate with no warnings at all.
 */
describeWithTerraform("cdktf synth --hcl", () => {
  const model = loadModel("rules/examples/multi-account.yaml");
  const hcl = cdktfSynth("rules/examples/multi-account.yaml", true);

  test("one HCL file per stack, no quoted references", () => {
    expect([...hcl.keys()]).toEqual(model.accounts.flatMap((account) => stacksOf(account.stacks)).sort());
    for (const text of hcl.values()) expect(text).not.toMatch(/provider\s*=\s*"/);
  });

  test("npm run synth writes the same HCL, byte for byte, and terraform fmt -check passes on every stack of both", () => {
    const outdir = scratchFolder();
    const result = runEntry("main.ts", [], { CIS_CONFIG: "rules/examples/multi-account.yaml", CDKTF_OUTDIR: outdir, SYNTH_HCL_OUTPUT: "true" });
    expect(result.status).toBe(0);
    for (const [name, text] of hcl) {
      const fast = readFileSync(join(outdir, "stacks", name, "cdk.tf"), "utf8");
      expect({ name, same: fast === text }).toEqual({ name, same: true });
      const dir = workingCopy({ "cdk.tf": text });
      expect({ name, fmt: terraform(dir, ["fmt", "-check", "-no-color"]).status }).toEqual({ name, fmt: 0 });
    }
  });

  // workload-prod (trail wiring, depends_on) is planned below, which validates it; the others
  // repeat these two's shapes: topics, keys and subscriptions, and aliased regional providers.
  test.each(["management", "security-tooling-regions", "security-tooling-regions-europe"])("stack %s validates with no errors and no warnings", (name) => {
    expect(validate(workingCopy({ "cdk.tf": hcl.get(name)! })).diagnostics).toEqual([]);
  });

  test("the HCL plans the same resources as the JSON", () => {
    const account = model.accounts.find((candidate) => candidate.name === "workload-prod")!;
    const changes = plan(workingCopy({ "cdk.tf": hcl.get("workload-prod")! }), synthAccountText(account, model));
    expect(changes.map((change) => change.address)).toEqual(
      expectedAddresses(account).filter((address) => !address.startsWith("aws_accessanalyzer_analyzer.")),
    );
  });
});

describeWithTerraform("moved, removed and import blocks", () => {
  test("renamed rules and topics, and analyzers handed over to the regional stack, validate in JSON and HCL", () => {
    const config = `
defaults:
  rules: { enable: [vpc-changes] }
  overrides:
    vpc-changes: { moved_from: vpc-change }
  access_analyzer: { import_existing: true }
  regions: [us-east-1]
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
    for (const asHcl of [false, true]) {
      // JSON through the fast path (its bytes equal the CLI's: cli/synth.test.ts), HCL through the CLI.
      const stacks = asHcl ? cdktfSynth(file, true) : synthConfigText(config);
      const home = stacks.get("main")!;
      expect(home).toContain(asHcl ? "moved {" : '"moved"');
      expect(home).toContain(asHcl ? "removed {" : '"removed"');
      expect(stacks.get("main-regions")!).toContain(asHcl ? "import {" : '"import"');
      // The JSON regional stack's import blocks are planned by the day-2 upgrade test.
      const checked = asHcl ? [...stacks.values()] : [home];
      for (const text of checked) expect(validate(workingCopy({ [asHcl ? "cdk.tf" : "cdk.tf.json"]: text })).diagnostics).toEqual([]);
    }
  });
});
