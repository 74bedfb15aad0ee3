import { singleStackLayout, ungroupedRegionalStack } from "../../tools/bench/plan-cost";
import { stackNamesOf } from "../../lib/model/stack-names";
import { renderReview } from "../../lib/review/markdown";
import { predictChanges } from "../../lib/review/predict";
import { StackJson } from "../../lib/terraform/stack-json";
import { actionsOf, change } from "../support/day2";
import { ACCOUNT_CASES, ANALYZERS, ANALYZER_STACKS, describeDay2, edit } from "../support/day2-matrix";
import { inWorkingCopy, planStream } from "../support/terraform";

jest.setTimeout(600_000);

// The day-2 matrix (see __tests__/support/day2-matrix.ts): accounts, names and state.
describeDay2("accounts", ACCOUNT_CASES, (deployed) => {
  /**
   * Upgrading from 0.1, which kept the analyzers in the account stack: the old state holds
   * them under aliased providers the new account stack no longer declares.
   */
  describe("upgrading from 0.1's single stack", () => {
    const oldLayout = (): { json: StackJson; state: string } => {
      const json = JSON.parse(
        singleStackLayout(
          deployed.stacks.get("acme")!,
          REGIONAL.map((name) => deployed.stacks.get(name)!),
        ),
      ) as StackJson;
      const homeState = JSON.parse(deployed.state("acme")!);
      for (const name of REGIONAL) homeState.resources.push(...JSON.parse(deployed.state(name)!).resources);
      return { json, state: JSON.stringify(homeState) };
    };

    test("without import_existing the review says terraform cannot plan the account stack, and terraform indeed refuses", () => {
      const old = oldLayout();
      const head = new Map([...deployed.stacks].map(([name, json]) => [name, JSON.parse(json) as StackJson]));
      const predicted = predictChanges(new Map([["acme", old.json]]), new Map([["acme", head.get("acme")!]]));
      expect(predicted.stacks[0].blockers).toEqual([expect.stringContaining("set access_analyzer.import_existing: true")]);
      expect(renderReview(predicted)).toContain("**cannot plan**");
      const json = deployed.stacks.get("acme")!;
      expect(() => inWorkingCopy({ "cdk.tf.json": json }, (dir) => planStream(dir, json, { state: old.state }))).toThrow(/Provider configuration not present/);
    });

    test("with import_existing the account stack forgets the analyzers and the regional stack adopts them", () => {
      const old = oldLayout();
      const files = edit(["accounts:", "  access_analyzer: { import_existing: true }\naccounts:"]);
      const result = change(deployed, files, { state: (stack) => (stack === "acme" ? old.state : undefined) });
      expect(actionsOf(result.planned.get("acme"))).toEqual(ANALYZERS.map((address) => `forget ${address}`));
      // Offline, the import itself cannot run (it reads AWS); the regional stacks are planned as they stand once imported.
      for (const name of REGIONAL) expect(actionsOf(result.planned.get(name))).toEqual([]);
      const predicted = predictChanges(new Map([["acme", old.json]]), new Map([["acme", JSON.parse(result.after.get("acme")!) as StackJson]]));
      expect(actionsOf(predicted.stacks[0])).toEqual(actionsOf(result.planned.get("acme")));
      for (const [name, analyzers] of Object.entries(ANALYZER_STACKS)) {
        const regional = JSON.parse(result.after.get(name)!) as StackJson;
        expect(regional.import?.map((block) => block.to)).toEqual(analyzers);
        const adoption = predictChanges(new Map(), new Map([[name, regional]]));
        expect(actionsOf(adoption.stacks[0])).toEqual(analyzers.map((address) => `no-op ${address} (import cis-access-analyzer)`));
      }
    });

    test("decommissioned with import_existing still set, the account stack destroys 0.1's analyzers instead of forgetting them", () => {
      const old = oldLayout();
      const files = edit(
        ["accounts:", "  access_analyzer: { import_existing: true }\naccounts:"],
        ["    region: us-east-1\n", "    region: us-east-1\n    decommission: true\n"],
      );
      const result = change(deployed, files, { state: (stack) => (stack === "acme" ? old.state : undefined) });
      const planned = actionsOf(result.planned.get("acme"));
      expect(planned.filter((action) => action.includes("aws_accessanalyzer_analyzer"))).toEqual(ANALYZERS.map((address) => `delete ${address}`));
      expect(planned.some((action) => action.startsWith("forget "))).toBe(false);
      const predicted = predictChanges(new Map([["acme", old.json]]), new Map([["acme", JSON.parse(result.after.get("acme")!) as StackJson]]));
      expect(actionsOf(predicted.stacks[0])).toEqual(planned);
      for (const name of REGIONAL) expect(JSON.parse(result.after.get(name)!).import).toBeUndefined();
    });
  });

  /**
   * Upgrading from one regional stack per account: `acme-regions` held every region's
   * analyzers; now eu-south-1's belongs to `acme-regions-europe`.
   */
  describe("upgrading from one regional stack per account", () => {
    const oldRegional = (): { json: string; state: string } => {
      const json = ungroupedRegionalStack(REGIONAL.map((name) => deployed.stacks.get(name)!));
      const state = JSON.parse(deployed.state("acme-regions")!);
      state.resources.push(...JSON.parse(deployed.state("acme-regions-europe")!).resources);
      return { json, state: JSON.stringify(state) };
    };

    test("without import_existing the review says acme-regions cannot plan, and terraform indeed refuses: nothing is destroyed", () => {
      const old = oldRegional();
      const head = JSON.parse(deployed.stacks.get("acme-regions")!) as StackJson;
      // Without the flag, acme-regions declares only its own group's providers: no provider for eu-south-1's analyzer.
      expect(head.provider?.aws?.map((provider) => provider.region)).not.toContain("eu-south-1");
      const predicted = predictChanges(new Map([["acme-regions", JSON.parse(old.json) as StackJson]]), new Map([["acme-regions", head]]));
      expect(predicted.stacks[0].blockers).toEqual([expect.stringContaining("set access_analyzer.import_existing: true")]);
      expect(renderReview(predicted)).toContain("**cannot plan**");
      const json = deployed.stacks.get("acme-regions")!;
      expect(() => inWorkingCopy({ "cdk.tf.json": json }, (dir) => planStream(dir, json, { state: old.state }))).toThrow(/Provider configuration not present/);
    });

    test("with import_existing, acme-regions forgets eu-south-1's analyzer, never destroys it, and acme-regions-europe imports it", () => {
      const old = oldRegional();
      const files = edit(["accounts:", "  access_analyzer: { import_existing: true }\naccounts:"]);
      const result = change(deployed, files, { state: (stack) => (stack === "acme-regions" ? old.state : undefined) });
      expect(actionsOf(result.planned.get("acme-regions"))).toEqual(["forget aws_accessanalyzer_analyzer.eu_south_1"]);
      const europe = JSON.parse(result.after.get("acme-regions-europe")!) as StackJson;
      expect(europe.import?.map((block) => block.to)).toEqual(["aws_accessanalyzer_analyzer.eu_south_1"]);
      const predicted = predictChanges(
        new Map([["acme-regions", JSON.parse(old.json) as StackJson]]),
        new Map([
          ["acme-regions", JSON.parse(result.after.get("acme-regions")!) as StackJson],
          ["acme-regions-europe", europe],
        ]),
      );
      expect(actionsOf(predicted.stacks[0])).toEqual(actionsOf(result.planned.get("acme-regions")));
      expect(renderReview(predicted)).toContain(
        "`aws_accessanalyzer_analyzer.eu_south_1` moves from `acme-regions` (forgotten, not destroyed) to `acme-regions-europe`, which imports it",
      );
    });
  });
});

/** An account's regional stacks in config A (only the first and western Europe's hold analyzers). */
const REGIONAL = stackNamesOf("acme", "aws").regional.map((stack) => stack.name);
