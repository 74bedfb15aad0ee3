import { singleStackLayout, withoutAliases } from "../../../tools/bench/plan-cost";
import { synthesizeToTexts } from "../../../lib/synth/synth-stacks";
import { loadModel } from "../../support/synth";

/** The stacks the benchmark plans besides the app's own: 0.1's single stack and each stack's one-provider floor. */
type Stack = { provider: { aws: { alias?: string }[] }; resource?: Record<string, Record<string, { provider?: string }>> };

const model = loadModel("rules/examples/control-tower.yaml");
const management = model.accounts.find((account) => account.name === "management")!;
const stacks = synthesizeToTexts(model);
const home = stacks.get(management.stacks.home)!;

describe("bench stacks", () => {
  test("the floor of a stack keeps its default provider and every resource that uses it, and nothing else", () => {
    const original = JSON.parse(home) as Stack;
    // The Control Tower management stack posts to Slack through the aliased chatbot provider.
    expect(original.provider.aws.map((provider) => provider.alias)).toContain("chatbot");
    const floor = JSON.parse(withoutAliases(home)) as Stack;
    expect(floor.provider.aws).toEqual(original.provider.aws.filter((provider) => provider.alias === undefined));
    expect(floor.provider.aws).toHaveLength(1);
    const addresses = (stack: Stack) =>
      Object.entries(stack.resource ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, block]) => ({ address: `${type}.${name}`, block })));
    const kept = addresses(original).filter(({ block }) => block.provider === undefined || block.provider === "aws");
    expect(addresses(floor).map(({ address }) => address)).toEqual(kept.map(({ address }) => address));
    expect(addresses(original).length).toBeGreaterThan(kept.length);
  });

  test("0.1's single stack is the account stack plus the analyzers and the providers they use", () => {
    const account = model.accounts.find((candidate) => candidate.regions.length > 0)!;
    const single = JSON.parse(
      singleStackLayout(
        stacks.get(account.stacks.home)!,
        account.stacks.regional.map((stack) => stacks.get(stack.name)!),
      ),
    ) as Stack;
    const analyzers = single.resource!.aws_accessanalyzer_analyzer;
    expect(Object.keys(analyzers).length).toBeGreaterThan(0);
    const aliases = new Set(single.provider.aws.map((provider) => `aws.${provider.alias}`));
    for (const analyzer of Object.values(analyzers)) expect(aliases.has(analyzer.provider!)).toBe(true);
  });
});
