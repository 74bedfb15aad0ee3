import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { builtInPackFiles, loadRulePacks } from "../../lib/config/load-packs";
import { ProblemList } from "../../lib/source/problems";
import { runExamples } from "../../lib/evidence/run-examples";
import { ROOT } from "../support/synth";

/**
 * Every rule's pattern against the real CloudTrail records its pack lists: the ones it must
 * match and the near misses it must not (root with invokedBy, MFA "YES", SSO sign-ins,
 * AwsServiceEvent, CreateRoute vs CreateRouteTable, read-only calls, events outside the lists).
 */
const problems = new ProblemList();
const catalog = loadRulePacks(builtInPackFiles(ROOT), problems, (file) => file);
const rules = [...catalog.rules.values()];

describe("rule examples", () => {
  test("the packs load without problems", () => {
    expect(problems.all).toEqual([]);
  });

  test.each(rules.filter((rule) => rule.gaps.length).map((rule) => [rule.id, rule] as const))(
    "%s: every record its gaps name is one of its examples",
    (_, rule) => {
      const examples = [...rule.examples.match, ...rule.examples.noMatch].map((example) => example.name);
      for (const gap of rule.gaps) {
        for (const named of gap.match(/\b[A-Z][A-Za-z0-9]+__[A-Za-z0-9_]+/g) ?? [])
          expect({ gap, named, listed: examples.includes(named) }).toEqual({ gap, named, listed: true });
      }
    },
  );

  test.each(rules.map((rule) => [rule.id, rule] as const))("%s has matching and near-miss examples", (_, rule) => {
    expect(rule.examples.match.length).toBeGreaterThan(0);
    expect(rule.examples.noMatch.length).toBeGreaterThan(0);
  });

  const cases = rules.flatMap((rule) =>
    runExamples(rule).map((result) => [rule.id, result.expected ? "matches" : "does not match", result.example.name, result] as const),
  );
  test.each(cases)("%s %s %s", (_, __, ___, result) => {
    expect(result.error).toBeUndefined();
    expect(result.matched).toBe(result.expected);
  });
});

describe("evidence keeps its sources", () => {
  const real = join(ROOT, "rules", "evidence", "cloudtrail");
  const derived = join(ROOT, "rules", "evidence", "derived");
  const jsonFiles = (dir: string, skip: string) => readdirSync(dir).filter((name) => name.endsWith(".json") && name !== skip);

  test("every real record is listed in SOURCES.json", () => {
    const sources = JSON.parse(readFileSync(join(real, "SOURCES.json"), "utf8")) as { file: string; source: string }[];
    expect(sources.map((entry) => entry.file).sort()).toEqual(jsonFiles(real, "SOURCES.json").sort());
    for (const entry of sources) expect(entry.source).toBeTruthy();
  });

  test("every derived record names the record it came from and what changed", () => {
    const derivations = JSON.parse(readFileSync(join(derived, "DERIVED.json"), "utf8")) as { file: string; derived_from: string; change: string }[];
    expect(derivations.map((entry) => entry.file).sort()).toEqual(jsonFiles(derived, "DERIVED.json").sort());
    for (const entry of derivations) {
      expect(jsonFiles(real, "SOURCES.json")).toContain(entry.derived_from);
      expect(entry.change).toBeTruthy();
    }
  });
});
