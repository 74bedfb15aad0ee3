import { singleStackLayout } from "../../lib/bench/plan-cost";
import { renderReview } from "../../lib/review/markdown";
import { predictChanges } from "../../lib/review/predict";
import { StackJson } from "../../lib/terraform/stack-json";
import { actionsOf, change } from "../support/day2";
import { ACCOUNT_CASES, ANALYZERS, describeDay2, edit } from "../support/day2-matrix";
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
      const json = JSON.parse(singleStackLayout(deployed.stacks.get("acme")!, deployed.stacks.get("acme-regions")!)) as StackJson;
      const homeState = JSON.parse(deployed.state("acme")!);
      homeState.resources.push(...JSON.parse(deployed.state("acme-regions")!).resources);
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
      // Offline, the import itself cannot run (it reads AWS); the regional stack is planned as it stands once imported.
      expect(actionsOf(result.planned.get("acme-regions"))).toEqual([]);
      const predicted = predictChanges(new Map([["acme", old.json]]), new Map([["acme", JSON.parse(result.after.get("acme")!) as StackJson]]));
      expect(actionsOf(predicted.stacks[0])).toEqual(actionsOf(result.planned.get("acme")));
      const regional = JSON.parse(result.after.get("acme-regions")!) as StackJson;
      expect(regional.import?.map((block) => block.to)).toEqual(ANALYZERS);
      const adoption = predictChanges(new Map(), new Map([["acme-regions", regional]]));
      expect(actionsOf(adoption.stacks[0])).toEqual(ANALYZERS.map((address) => `no-op ${address} (import cis-access-analyzer)`));
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
      expect(JSON.parse(result.after.get("acme-regions")!).import).toBeUndefined();
    });
  });
});
