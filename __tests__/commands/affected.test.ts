import { stackNamesOf, stacksOf } from "../../lib/model/stack-names";
import { ScratchRepository } from "../../tools/scratch-repository";

jest.setTimeout(180_000);

const ORG = (accounts: string[], extra = "") => `defaults:
  rules: { enable: [root-account-usage, vpc-changes] }
  log_group: { lookup: false }
  regions: [us-east-1, eu-west-1]
  topics:
    alerts:
      severities: [critical, high, medium, low, informational]
      subscriptions: [{ protocol: email, endpoint: security@example.com }]
accounts:
${accounts.map((name, index) => `  - { name: ${name}, id: "${100000000000 + index}", region: us-east-1 }`).join("\n")}
${extra}`;

/** `affected --base` on real git histories: what each kind of pull request makes terraform plan. */
describe("npm run affected", () => {
  const repo = new ScratchRepository({ "org.yaml": ORG(["alpha", "beta", "gamma"]) });
  afterAll(() => repo.remove());
  const base = repo.git("rev-parse", "HEAD").trim();
  const affected = (ref = base) => {
    const result = repo.run("lib/commands/affected.ts", ["--base", ref, "--config", "org.yaml", "--json"]);
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout) as {
      stacks: { name: string; account: string; kind: string; status: string }[];
      removed: string[];
      unchanged: number;
      configOnly: boolean;
    };
  };
  afterEach(() => repo.git("checkout", "-q", "--", "."));

  test("nothing changed: nothing to plan", () => {
    expect(affected()).toEqual({ stacks: [], removed: [], unchanged: 21, configOnly: true });
  });

  test("one account's alarm threshold: that account's stack only, found without synthesizing the others", () => {
    repo.write({
      "org.yaml": ORG(["alpha", "beta", "gamma"]).replace(
        "region: us-east-1 }\n  - { name: gamma",
        "region: us-east-1, overrides: { vpc-changes: { alarm: { period: 60 } } } }\n  - { name: gamma",
      ),
    });
    const result = affected();
    expect(result.stacks).toEqual([{ name: "beta", account: "beta", kind: "account", status: "changed" }]);
    expect(result).toMatchObject({ unchanged: 20, configOnly: true });
  });

  test("a region added to every account: each account's stack of that group only", () => {
    repo.write({ "org.yaml": ORG(["alpha", "beta", "gamma"]).replace("regions: [us-east-1, eu-west-1]", "regions: [us-east-1, eu-west-1, eu-west-3]") });
    expect(affected().stacks.map((stack) => stack.name)).toEqual(["alpha-regions-europe", "beta-regions-europe", "gamma-regions-europe"]);
  });

  test("a new account: its seven stacks, new, the account stack first; a removed one is listed apart", () => {
    repo.write({ "org.yaml": ORG(["alpha", "beta", "delta"]) });
    const result = affected();
    expect(result.stacks).toEqual([
      { name: "delta", account: "delta", kind: "account", status: "new" },
      ...stackNamesOf("delta", "aws").regional.map((stack) => ({ name: stack.name, account: "delta", kind: "regional", status: "new" })),
    ]);
    expect(result.removed).toEqual(stacksOf(stackNamesOf("gamma", "aws")).sort());
  });

  test("a rule pack changed: every side synthesized whole with its own code; every account's stack", () => {
    const head = repo.commit({}, "nothing");
    const pack = require("node:fs").readFileSync(`${repo.dir}/rules/packs/cis.yaml`, "utf8") as string;
    repo.write({ "rules/packs/cis.yaml": pack.replace(" || ($.eventName=DeleteVpc)", "") });
    const result = affected(head);
    expect(result.configOnly).toBe(false);
    expect(result.stacks.map((stack) => stack.name)).toEqual(["alpha", "beta", "gamma"]);
  });

  test("a config the base lacks: every stack is new", () => {
    repo.write({ "second.yaml": ORG(["solo"]) });
    const result = repo.run("lib/commands/affected.ts", ["--base", base, "--config", "second.yaml"]);
    expect(result.stdout.split("\n").filter(Boolean)).toEqual(stacksOf(stackNamesOf("solo", "aws")));
    require("node:fs").rmSync(`${repo.dir}/second.yaml`);
  });
});
