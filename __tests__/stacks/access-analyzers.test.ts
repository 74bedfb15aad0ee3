import { DEFAULT_REGIONS, OPT_IN_REGIONS } from "../../lib/config/aws-facts";
import { MINIMAL, loadFrom, problemsFor } from "../support/temp-config";
import { TerraformJson, loadModel, resources, synthAccount } from "../support/synth";

const withSettings = (settings: string, account = "") =>
  MINIMAL.replace("  log_group: { lookup: false }", `  log_group: { lookup: false }\n${settings}`).replace("    region: us-east-1\n", `    region: us-east-1\n${account}`);

/** Every `provider = "aws.x"` in the stack, checked against the declared aliases. */
function undeclaredProviders(json: TerraformJson): string[] {
  const declared = new Set(json.provider.aws.map((config) => (config.alias ? `aws.${config.alias}` : "aws")));
  const used = Object.values(json.resource).flatMap((byName) => Object.values(byName).map((resource) => resource.provider ?? "aws"));
  return [...new Set(used.map(String))].filter((provider) => !declared.has(provider));
}

describe("IAM Access Analyzer in every region", () => {
  const model = loadModel("rules/default.yaml");
  const json = synthAccount(model.accounts[0], model);
  const analyzers = resources(json, "aws_accessanalyzer_analyzer");

  test("the 17 regions enabled by default, one analyzer each, through its own aliased provider", () => {
    expect(DEFAULT_REGIONS).toHaveLength(17);
    expect(Object.keys(analyzers).sort()).toEqual(DEFAULT_REGIONS.map((region) => region.replace(/-/g, "_")).sort());
    for (const region of DEFAULT_REGIONS) {
      const alias = region.replace(/-/g, "_");
      expect(analyzers[alias]).toMatchObject({ provider: `aws.${alias}`, analyzer_name: "cis-access-analyzer", type: "ACCOUNT" });
      expect(json.provider.aws).toContainEqual(expect.objectContaining({ alias, region }));
    }
  });

  test("aliases are Terraform identifiers and every provider reference is declared (seed 003 referenced aliases it never declared)", () => {
    for (const config of json.provider.aws) if (config.alias) expect(config.alias).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
    expect(undeclaredProviders(json)).toEqual([]);
  });

  test("opt-in regions only when listed", () => {
    for (const region of OPT_IN_REGIONS) expect(Object.keys(analyzers)).not.toContain(region.replace(/-/g, "_"));
    const { model: listed } = loadFrom(withSettings("  regions: [us-east-1, eu-south-1, af-south-1]"));
    const listedJson = synthAccount(listed.accounts[0], listed);
    expect(Object.keys(resources(listedJson, "aws_accessanalyzer_analyzer")).sort()).toEqual(["af_south_1", "eu_south_1", "us_east_1"]);
    expect(undeclaredProviders(listedJson)).toEqual([]);
  });

  test("unknown and other-partition regions are refused where they are written", () => {
    expect(problemsFor(withSettings("  regions: [us-east-1, eu-sout-1]"))).toEqual([
      'config.yaml:9:24: defaults.regions[1]: unknown AWS region "eu-sout-1" (did you mean "eu-south-1"?)',
    ]);
    expect(problemsFor(withSettings("  regions: [cn-north-1]"))).toEqual([
      "config.yaml:9:13: defaults.regions[0]: cn-north-1 is in partition aws-cn, but the account's home region us-east-1 is in aws",
    ]);
  });

  test("ORGANIZATION needs the management or a delegated-administrator account", () => {
    expect(problemsFor(withSettings("  access_analyzer: { type: ORGANIZATION }"))).toEqual([
      "config.yaml:9:28: defaults.access_analyzer.type: an ORGANIZATION analyzer can only be created in the organization's management account or a delegated administrator account for Access Analyzer; set organization_role: management (or delegated-admin) on this account, or use type ACCOUNT",
    ]);
    const { model: admin } = loadFrom(withSettings("  access_analyzer: { type: ORGANIZATION }", "    organization_role: delegated-admin\n"));
    const adminJson = synthAccount(admin.accounts[0], admin);
    expect(resources(adminJson, "aws_accessanalyzer_analyzer").us_east_1.type).toBe("ORGANIZATION");
  });

  test("an unused-access analyzer on request, and analyzer names checked", () => {
    const { model: unused } = loadFrom(withSettings("  access_analyzer: { unused_access_age_days: 45, name: audit }"));
    const unusedJson = synthAccount(unused.accounts[0], unused);
    expect(resources(unusedJson, "aws_accessanalyzer_analyzer").eu_west_1_unused_access).toMatchObject({
      analyzer_name: "audit-unused-access",
      type: "ACCOUNT_UNUSED_ACCESS",
      configuration: { unused_access: { unused_access_age: 45 } },
      provider: "aws.eu_west_1",
    });
    expect(problemsFor(withSettings("  access_analyzer: { name: 1st-analyzer }"))[0]).toContain(
      'analyzer name "1st-analyzer" must start with a letter',
    );
  });

  test("disabled: no analyzers and no regional providers", () => {
    const { model: off } = loadFrom(withSettings("  access_analyzer: { enabled: false }"));
    const offJson = synthAccount(off.accounts[0], off);
    expect(offJson.resource.aws_accessanalyzer_analyzer).toBeUndefined();
    expect(offJson.provider.aws).toHaveLength(1);
  });
});
