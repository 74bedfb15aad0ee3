import { DEFAULT_REGIONS, OPT_IN_REGIONS, regionsOfPartition } from "../../lib/model/aws-facts";
import { MINIMAL, loadFrom, problemsFor } from "../support/temp-config";
import { BASELINE_CONFIG, TerraformJson, loadModel, resources, synthAccount, synthRegional, synthRegionalStacks } from "../support/synth";

const withSettings = (settings: string, account = "") =>
  MINIMAL.replace("  log_group: { lookup: false }", `  log_group: { lookup: false }\n${settings}`).replace(
    "    region: us-east-1\n",
    `    region: us-east-1\n${account}`,
  );

/** Every `provider = "aws.x"` in the stack, checked against the declared aliases. */
function undeclaredProviders(json: TerraformJson): string[] {
  const declared = new Set(json.provider.aws.map((config) => (config.alias ? `aws.${config.alias}` : "aws")));
  const used = Object.values(json.resource ?? {}).flatMap((byName) => Object.values(byName).map((resource) => resource.provider ?? "aws"));
  return [...new Set(used.map(String))].filter((provider) => !declared.has(provider));
}

describe("IAM Access Analyzer in every region", () => {
  const model = loadModel(BASELINE_CONFIG);
  const json = synthRegional(model.accounts[0], model);
  const analyzers = resources(json, "aws_accessanalyzer_analyzer");

  test("they live in the regional stack <account>-regions; the account stack has the home provider (and Chatbot's, unused) and no analyzer", () => {
    const home = synthAccount(model.accounts[0], model);
    expect(home.provider.aws).toEqual([expect.objectContaining({ region: "us-east-1" }), expect.objectContaining({ alias: "chatbot", region: "us-east-2" })]);
    expect(home.provider.aws[0]).not.toHaveProperty("alias");
    expect(home.resource.aws_accessanalyzer_analyzer).toBeUndefined();
    expect((json.terraform.backend as { local: { path: string } }).local.path).toBe("../../../terraform.main-regions.tfstate");
  });

  test("the regional stacks declare a provider for every region of the partition, listed or not, each in its group's stack", () => {
    expect(json.provider.aws.map((config) => config.region).sort()).toEqual(regionsOfPartition("aws"));
    for (const config of json.provider.aws) expect(config.alias).toBe(String(config.region).replace(/-/g, "_"));
  });

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
    const listedJson = synthRegional(listed.accounts[0], listed);
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
    const adminJson = synthRegional(admin.accounts[0], admin);
    expect(resources(adminJson, "aws_accessanalyzer_analyzer").us_east_1.type).toBe("ORGANIZATION");
  });

  test("an unused-access analyzer on request, and analyzer names checked", () => {
    const { model: unused } = loadFrom(withSettings("  access_analyzer: { unused_access_age_days: 45, name: audit }"));
    const unusedJson = synthRegional(unused.accounts[0], unused);
    expect(resources(unusedJson, "aws_accessanalyzer_analyzer").eu_west_1_unused_access).toMatchObject({
      analyzer_name: "audit-unused-access",
      type: "ACCOUNT_UNUSED_ACCESS",
      configuration: { unused_access: { unused_access_age: 45 } },
      provider: "aws.eu_west_1",
    });
    expect(problemsFor(withSettings("  access_analyzer: { name: 1st-analyzer }"))[0]).toContain('analyzer name "1st-analyzer" must start with a letter');
  });

  test("disabled: no analyzers, but the providers stay so that existing analyzers can be destroyed", () => {
    const { model: off } = loadFrom(withSettings("  access_analyzer: { enabled: false }"));
    const offJson = synthRegional(off.accounts[0], off);
    expect(offJson.resource?.aws_accessanalyzer_analyzer).toBeUndefined();
    expect(offJson.provider.aws).toHaveLength(regionsOfPartition("aws").length);
  });

  test("import_existing: the regional stack imports each analyzer by name; the account stack forgets its 0.1 copies", () => {
    const { model: adopt } = loadFrom(
      withSettings("  regions: [us-east-1, eu-west-1]\n  access_analyzer: { import_existing: true, unused_access_age_days: 30 }"),
    );
    const regional = synthRegional(adopt.accounts[0], adopt) as TerraformJson & { import?: unknown[] };
    // Each regional stack imports its own group's regions (us-east-1 in main-regions, eu-west-1 in main-regions-emea).
    expect(regional.import).toEqual([
      { id: "cis-access-analyzer", provider: "aws.us_east_1", to: "aws_accessanalyzer_analyzer.us_east_1" },
      { id: "cis-access-analyzer-unused-access", provider: "aws.us_east_1", to: "aws_accessanalyzer_analyzer.us_east_1_unused_access" },
      { id: "cis-access-analyzer", provider: "aws.eu_west_1", to: "aws_accessanalyzer_analyzer.eu_west_1" },
      { id: "cis-access-analyzer-unused-access", provider: "aws.eu_west_1", to: "aws_accessanalyzer_analyzer.eu_west_1_unused_access" },
    ]);
    const home = synthAccount(adopt.accounts[0], adopt) as TerraformJson & { removed?: { from: string; lifecycle: unknown }[] };
    const forgotten = regionsOfPartition("aws").flatMap((region) => [region.replace(/-/g, "_"), `${region.replace(/-/g, "_")}_unused_access`]);
    expect(home.removed).toEqual(forgotten.map((id) => ({ from: `aws_accessanalyzer_analyzer.${id}`, lifecycle: { destroy: false } })));
    expect(undeclaredProviders(home)).toEqual([]);
    expect(home.provider.aws).toHaveLength(2 + regionsOfPartition("aws").length);
  });

  test("a decommissioned account declares providers and state but no resources", () => {
    const { model: retired } = loadFrom(withSettings("", "    decommission: true\n"));
    for (const json of [synthAccount(retired.accounts[0], retired), synthRegional(retired.accounts[0], retired)]) {
      expect(json.resource).toBeUndefined();
      expect(json.provider.aws.length).toBeGreaterThan(0);
      expect(json.terraform.backend).toBeDefined();
    }
  });

  test("an account may not take the name of another account's regional stack", () => {
    const config = withSettings("").replace("accounts:\n", 'accounts:\n  - { name: main-regions, id: "210987654321", region: us-east-1 }\n');
    expect(problemsFor(config)).toEqual([expect.stringContaining('account name "main-regions" is the name of accounts[1]\'s regional stack')]);
  });
});

describe("accounts homed in another partition", () => {
  test.each([
    ["cn-north-1", ["cn_north_1", "cn_northwest_1"]],
    ["us-gov-west-1", ["us_gov_east_1", "us_gov_west_1"]],
  ])("%s without a regions list: analyzers in that partition's regions, each through its own provider", (region, expected) => {
    const { model } = loadFrom(MINIMAL.replace("    region: us-east-1\n", `    region: ${region}\n`));
    const stack = synthRegional(model.accounts[0], model);
    const analyzers = resources(stack, "aws_accessanalyzer_analyzer");
    expect(Object.keys(analyzers).sort()).toEqual(expected);
    const aliases = new Set(stack.provider.aws.map((provider) => `aws.${String(provider.alias)}`));
    for (const analyzer of Object.values(analyzers)) expect(aliases.has(String(analyzer.provider))).toBe(true);
  });
});

describe("regional stacks by group of regions", () => {
  const settings = "  regions: [us-east-1, us-west-1, sa-east-1, eu-west-1, me-south-1, ap-south-1]\n  access_analyzer: { unused_access_age_days: 30 }";
  const { model } = loadFrom(withSettings(settings));
  const account = model.accounts[0];
  const stacks = synthRegionalStacks(account, model);
  const parsed = (name: string) => JSON.parse(stacks.get(name)!) as TerraformJson & { removed?: { from: string }[] };

  test("the United States but N. California in <account>-regions; the other Americas with N. California, western and southern Europe, central and northern Europe with the Middle East and Africa, north-east Asia, south and south-east Asia each in a stack of their own", () => {
    expect([...stacks.keys()]).toEqual([
      "main-regions",
      "main-regions-americas",
      "main-regions-europe",
      "main-regions-emea",
      "main-regions-apac",
      "main-regions-apac-south",
    ]);
    const analyzers = (name: string) =>
      Object.keys(parsed(name).resource ? resources(parsed(name), "aws_accessanalyzer_analyzer") : {}).filter((id) => !id.endsWith("_unused_access"));
    expect(analyzers("main-regions")).toEqual(["us_east_1"]);
    expect(analyzers("main-regions-americas")).toEqual(["sa_east_1", "us_west_1"]);
    expect(analyzers("main-regions-europe")).toEqual(["eu_west_1"]);
    expect(analyzers("main-regions-emea")).toEqual(["me_south_1"]);
    expect(analyzers("main-regions-apac")).toEqual([]);
    expect(analyzers("main-regions-apac-south")).toEqual(["ap_south_1"]);
    for (const name of stacks.keys()) expect(undeclaredProviders(parsed(name))).toEqual([]);
  });

  test("no stack plans more than three regions' providers with the default regions, nor declares more than its group's", () => {
    const { model: defaults } = loadFrom(MINIMAL);
    const regional = [...synthRegionalStacks(defaults.accounts[0], defaults).values()].map((text) => JSON.parse(text) as TerraformJson);
    const inUse = regional.map((json) => new Set(Object.values(resources(json, "aws_accessanalyzer_analyzer")).map((analyzer) => analyzer.provider)).size);
    expect(inUse).toEqual([3, 3, 3, 2, 3, 3]);
    expect(regional.map((json) => json.provider.aws.length)).toEqual([3, 5, 5, 7, 5, 9]);
  });

  test("with import_existing (the upgrade from one regional stack), <account>-regions forgets, without destroying, the listed regions that moved, and declares their providers", () => {
    expect(parsed("main-regions").removed).toBeUndefined();
    const upgrading = loadFrom(withSettings(settings.replace("unused_access_age_days: 30", "unused_access_age_days: 30, import_existing: true"))).model;
    const first = JSON.parse(synthRegionalStacks(upgrading.accounts[0], upgrading).get("main-regions")!) as TerraformJson & { removed?: { from: string }[] };
    expect((first.removed ?? []).map((block) => block.from)).toEqual(
      ["ap_south_1", "eu_west_1", "me_south_1", "sa_east_1", "us_west_1"].flatMap((id) => [
        `aws_accessanalyzer_analyzer.${id}`,
        `aws_accessanalyzer_analyzer.${id}_unused_access`,
      ]),
    );
    // Terraform needs a forgotten resource's provider: the five listed regions of other groups (us-west-1 left the first group after the others), beside the group's own.
    expect(first.provider.aws.map((config) => config.region).sort()).toEqual([
      "ap-south-1",
      "eu-west-1",
      "me-south-1",
      "sa-east-1",
      "us-east-1",
      "us-east-2",
      "us-west-1",
      "us-west-2",
    ]);
  });

  test("account names are refused where they would meet another account's regional stack", () => {
    const clash = MINIMAL.replace("accounts:\n", 'accounts:\n  - { name: main-regions-emea, id: "210987654321", region: us-east-1 }\n');
    expect(problemsFor(clash)).toEqual([
      expect.stringMatching(/accounts\[0\]\.name: account name "main-regions-emea" is the name of accounts\[1\]'s regional stack/),
    ]);
  });
});
