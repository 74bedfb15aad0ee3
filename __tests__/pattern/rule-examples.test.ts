import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { builtInPackFiles, loadRulePacks } from "../../lib/config/load-packs";
import { ProblemList } from "../../lib/config/problems";
import { logEventFromRecord, matches, parsePattern } from "../../lib/pattern";
import { fixtureFolders, readFixture } from "../../lib/pattern/fixtures";
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

  test.each(rules.map((rule) => [rule.id, rule] as const))("%s has matching and near-miss examples", (_, rule) => {
    expect(rule.examples.match.length).toBeGreaterThan(0);
    expect(rule.examples.noMatch.length).toBeGreaterThan(0);
  });

  const cases = rules.flatMap((rule) => [
    ...rule.examples.match.map((fixture) => [rule.id, "matches", fixture, rule.pattern, true] as const),
    ...rule.examples.noMatch.map((fixture) => [rule.id, "does not match", fixture, rule.pattern, false] as const),
  ]);
  test.each(cases)("%s %s %s", (_, __, fixture, pattern, expected) => {
    expect(matches(parsePattern(pattern), logEventFromRecord(readFixture(fixture, ROOT)))).toBe(expected);
  });
});

describe("fixtures keep their sources", () => {
  const [real, derived] = fixtureFolders(ROOT);
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
