import { singleStackLayout, ungroupedRegionalStack } from "../../tools/bench/plan-cost";
import { renderReview } from "../../lib/review/markdown";
import { predictChanges } from "../../lib/review/predict";
import { StackJson } from "../../lib/terraform/stack-json";
import { actionsOf, change, synthConfigFiles } from "../support/day2";
import { stackNamesOf, stacksOf } from "../../lib/model/stack-names";
import {
  ALL_RULES,
  ANALYZERS,
  ANALYZER_STACKS,
  Case,
  OPS,
  SEC,
  TOPIC_RESOURCES,
  byAddress,
  describeDay2,
  edit,
  everyAnalyzer,
  only,
  pair,
  planned,
} from "../support/day2-matrix";
import { inWorkingCopy, planStream } from "../support/terraform";

jest.setTimeout(600_000);

const ACCOUNT_CASES: Case[] = [
  {
    name: "change the name prefix (every name: replacements)",
    files: edit(["accounts:", "  name_prefix: acme-\naccounts:"]),
    expect: (result) => {
      expect(planned(result, "acme")).toEqual(
        byAddress([
          ...ALL_RULES.flatMap((rule) => pair("replace", rule)),
          "replace aws_sns_topic.alerts",
          "replace aws_sns_topic.notices",
          "replace aws_sns_topic_policy.alerts",
          "replace aws_sns_topic_policy.notices",
          `replace aws_sns_topic_subscription.alerts_${SEC}`,
          `replace aws_sns_topic_subscription.notices_${OPS}`,
          "replace aws_kms_alias.alerts",
          "update aws_kms_key.alerts",
        ]),
      );
      for (const [stack, actions] of Object.entries(everyAnalyzer("replace"))) expect(planned(result, stack)).toEqual(actions);
    },
  },
  {
    name: "add an account (new stacks, planned from an empty state)",
    files: edit([
      "accounts:\n",
      `accounts:\n  - { name: beta, id: "210987654321", region: eu-west-1, regions: [eu-west-1], rules: { enable: [root-account-usage] } }\n`,
    ]),
    expect: (result) => {
      only(result, {
        beta: [
          ...pair("create", "root_account_usage"),
          "create aws_iam_account_password_policy.account",
          ...TOPIC_RESOURCES.map((address) => `create ${address}`),
        ],
        "beta-regions-europe": ["create aws_accessanalyzer_analyzer.eu_west_1"],
      });
    },
  },
  {
    name: "decommission the account (everything destroyed)",
    files: edit(["    region: us-east-1\n", "    region: us-east-1\n    decommission: true\n"]),
    expect: (result) => {
      only(result, {
        acme: [
          ...ALL_RULES.flatMap((rule) => pair("delete", rule)),
          "delete aws_iam_account_password_policy.account",
          ...TOPIC_RESOURCES.map((address) => `delete ${address}`),
        ],
        ...everyAnalyzer("delete"),
      });
    },
  },
  {
    name: "remove the account (rename it): its stacks are orphaned, not destroyed",
    files: edit(["name: acme\n", "name: acme-prod\n"]),
    expect: (result) => {
      expect([...result.planned.keys()].sort()).toEqual(stacksOf(stackNamesOf("acme-prod", "aws")).sort());
      expect(planned(result, "acme-prod").every((action) => action.startsWith("create "))).toBe(true);
      const orphaned = result.predicted.stacks.filter((stack) => stack.status === "orphaned").map((stack) => [stack.name, stack.orphaned.length]);
      expect(orphaned).toEqual([
        ["acme", 17],
        ["acme-regions", 1],
        ["acme-regions-americas", 0],
        ["acme-regions-apac", 0],
        ["acme-regions-apac-south", 0],
        ["acme-regions-emea", 0],
        ["acme-regions-europe", 1],
      ]);
      expect(result.review).toMatch(/`acme`: \*\*removed from the config\*\*: its 17 resources are \*\*orphaned, not destroyed\*\*/);
      expect(result.review).toContain("decommission: true");
      expect(result.review).not.toMatch(/\*\*destroyed\*\*/);
    },
  },
  {
    name: "move the state (backend key prefix)",
    files: edit(["region: us-east-1 }\ndefaults:", "region: us-east-1, key_prefix: security/cis }\ndefaults:"]),
    expect: (result) => {
      only(result, {});
      expect(result.predicted.stacks.map((stack) => stack.backend !== undefined)).toEqual(stacksOf(stackNamesOf("acme", "aws")).map(() => true));
      expect(result.review).toContain("--migrate-state");
    },
  },
];

// Day-2 cases (the harness and shared configs: __tests__/support/day2-matrix.ts): accounts, names and state.
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

  /**
   * Upgrading from four regions of the United States in `acme-regions`: a group of four
   * planned above 1 GB, so N. California (us-west-1) moved to `acme-regions-americas`. The
   * account lists us-west-1 on both sides; the old first stack held its analyzer.
   */
  describe("upgrading from four regions of the United States in the first regional stack", () => {
    const WITH_US_WEST_1: [string, string] = ["regions: [eu-south-1, us-east-1]", "regions: [eu-south-1, us-east-1, us-west-1]"];
    const FLAG: [string, string] = ["accounts:", "  access_analyzer: { import_existing: true }\naccounts:"];
    const MOVED = "aws_accessanalyzer_analyzer.us_west_1";
    let synthesized: Map<string, string> | undefined;
    /** Config A with us-west-1 listed, as synthesized now (us-west-1 in acme-regions-americas). */
    const head = () => (synthesized ??= synthConfigFiles(edit(WITH_US_WEST_1)));
    /** acme-regions as the earlier grouping synthesized it: us-west-1's provider and analyzer beside the others. */
    const oldFirst = (): { json: StackJson; state: string } => {
      const json = JSON.parse(head().get("acme-regions")!) as StackJson;
      const americas = JSON.parse(head().get("acme-regions-americas")!) as StackJson;
      json.provider!.aws!.push(americas.provider!.aws!.find((provider) => provider.region === "us-west-1")!);
      json.resource!.aws_accessanalyzer_analyzer.us_west_1 = americas.resource!.aws_accessanalyzer_analyzer.us_west_1;
      const state = JSON.parse(deployed.state("acme-regions")!);
      const east = state.resources.find((resource: { name: string }) => resource.name === "us_east_1");
      const west = JSON.parse(JSON.stringify(east).replaceAll("us-east-1", "us-west-1").replaceAll("us_east_1", "us_west_1"));
      state.resources.push(west);
      return { json, state: JSON.stringify(state) };
    };
    /** acme-regions-americas once it holds the analyzer: offline the import cannot run (it reads AWS). */
    const adopted = (): string => {
      const state = JSON.parse(oldFirst().state);
      const west = state.resources.find((resource: { name: string }) => resource.name === "us_west_1");
      state.resources = [west];
      return JSON.stringify(state);
    };

    test("without import_existing the review says acme-regions cannot plan, and terraform indeed refuses: nothing is destroyed", () => {
      const old = oldFirst();
      const json = head().get("acme-regions")!;
      expect((JSON.parse(json) as StackJson).provider?.aws?.map((provider) => provider.region)).not.toContain("us-west-1");
      const predicted = predictChanges(new Map([["acme-regions", old.json]]), new Map([["acme-regions", JSON.parse(json) as StackJson]]));
      expect(predicted.stacks[0].blockers).toEqual([
        expect.stringMatching(/`aws_accessanalyzer_analyzer\.us_west_1`.*until us-west-1 joined -regions-americas.*set access_analyzer\.import_existing: true/),
      ]);
      expect(() => inWorkingCopy({ "cdk.tf.json": json }, (dir) => planStream(dir, json, { state: old.state }))).toThrow(/Provider configuration not present/);
    });

    test("with import_existing, acme-regions forgets us-west-1's analyzer, never destroys it, and acme-regions-americas imports it", () => {
      const old = oldFirst();
      const result = change(deployed, edit(WITH_US_WEST_1, FLAG), {
        state: (stack) => (stack === "acme-regions" ? old.state : stack === "acme-regions-americas" ? adopted() : undefined),
      });
      expect(actionsOf(result.planned.get("acme-regions"))).toEqual([`forget ${MOVED}`]);
      expect(actionsOf(result.planned.get("acme-regions-americas"))).toEqual([]);
      const americas = JSON.parse(result.after.get("acme-regions-americas")!) as StackJson;
      expect(americas.import?.map((block) => block.to)).toEqual([MOVED]);
      const predicted = predictChanges(
        new Map([["acme-regions", old.json]]),
        new Map([
          ["acme-regions", JSON.parse(result.after.get("acme-regions")!) as StackJson],
          ["acme-regions-americas", americas],
        ]),
      );
      expect(actionsOf(predicted.stacks[0])).toEqual(actionsOf(result.planned.get("acme-regions")));
      expect(renderReview(predicted)).toContain(
        `\`${MOVED}\` moves from \`acme-regions\` (forgotten, not destroyed) to \`acme-regions-americas\`, which imports it`,
      );
    });
  });
});

/** An account's regional stacks in config A (only the first and western Europe's hold analyzers). */
const REGIONAL = stackNamesOf("acme", "aws").regional.map((stack) => stack.name);
