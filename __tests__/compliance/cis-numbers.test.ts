import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CIS_VERSIONS, CONTROLS, CisVersion } from "../../lib/model/controls";
import { cisNumbers } from "../../lib/compliance/render";
import { loadScanners } from "../../lib/scanners/scanner-data";
import { ProblemList } from "../../lib/source/problems";
import { ROOT } from "../support/synth";

/**
 * The report's CIS numbers against Prowler's CIS compliance files (trimmed into the fixture
 * from prowler-cloud/prowler at the commit it names, the commit rules/scanners/prowler.yaml
 * reads the checks from): for every version Prowler ships, each requirement that lists one of
 * the report's Prowler checks has that control's number, and nothing else does.
 */
interface Fixture {
  readonly repository: string;
  readonly commit: string;
  readonly versions: Record<string, { file: string; requirements: Record<string, string[]> }>;
}

const fixture = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "scanner-compliance", "prowler-cis-monitoring.json"), "utf8")) as Fixture;
const scanners = loadScanners(ROOT, new ProblemList());

/** The check (Prowler) or query (Steampipe) a scanner runs for a control: its scanner data's, or the stack-wide control's. */
const checkOf = (scanner: "prowler" | "steampipe", id: string) =>
  scanners.get(scanner)!.controls.get(id)?.check ?? CONTROLS.find((control) => control.id === id)?.checks?.[scanner];

/** Our version of a scanner's version string ("1.4", "4.0.0"): the same major and minor. */
const sameMinor = (version: string) =>
  CIS_VERSIONS.find((ours) => ours.split(".").slice(0, 2).join(".") === version.split(".").slice(0, 2).join(".")) as CisVersion;

/**
 * A scanner's numbering of one version (number -> the checks it runs) is ours: each number
 * names exactly one control, by the check that control runs, and no other control has a
 * number in that version.
 */
function expectNumbering(version: string, numbering: Record<string, readonly string[]>, scanner: "prowler" | "steampipe"): void {
  const ours = sameMinor(version);
  expect(ours).toBeDefined();
  const expected = Object.fromEntries(
    Object.entries(numbering).map(([number, checks]) => {
      const controls = CONTROLS.filter((control) => checks.includes(checkOf(scanner, control.id) ?? ""));
      expect(controls).toHaveLength(1);
      return [controls[0].id, number];
    }),
  );
  const numbered = Object.fromEntries(CONTROLS.filter((control) => control.cis[ours] !== undefined).map((control) => [control.id, control.cis[ours]]));
  expect(numbered).toEqual(expected);
}

describe("CIS numbers", () => {
  test("the fixture is Prowler's, at the commit the Prowler scanner data is read from", () => {
    const source = readFileSync(join(ROOT, "rules", "scanners", "prowler.yaml"), "utf8");
    expect(fixture.repository).toBe("prowler-cloud/prowler");
    expect(source).toContain(`commit: ${fixture.commit}`);
    expect(Object.keys(fixture.versions)).toEqual(["1.4", "1.5", "2.0", "3.0", "4.0.1", "5.0", "6.0", "7.0"]);
  });

  test.each(Object.entries(fixture.versions))(
    "CIS v%s: every monitoring requirement is the control whose Prowler check it lists",
    (version, { requirements }) => expectNumbering(version, requirements, "prowler"),
  );

  test("v6.0 and v7.0 renumber the monitoring section to 5.x; the report says which versions use which number", () => {
    const vpc = CONTROLS.find((control) => control.id === "vpc-changes")!;
    expect(cisNumbers(vpc)).toBe("3.14 (v1.2), 4.14 (v1.4-v5.0), 5.14 (v6.0-v7.0)");
    expect(cisNumbers(CONTROLS.find((control) => control.id === "security-hub-enabled")!)).toBe("4.16 (v1.5-v5.0), 5.16 (v6.0-v7.0)");
    expect(cisNumbers(CONTROLS.find((control) => control.id === "organizations-changes")!)).toBe("4.15 (v1.4-v5.0), 5.15 (v6.0-v7.0)");
    expect(cisNumbers(CONTROLS.find((control) => control.id === "alarm-actions")!)).toBe("-");
  });
});

/**
 * The same against the Steampipe aws-compliance mod's CIS benchmarks (cis_v120 to cis_v600,
 * trimmed into the fixture at the commit rules/scanners/steampipe.yaml reads): each control
 * that runs one of the report's Steampipe queries has that control's number. The mod's v4.0.0
 * is numbered as v4.0.1.
 */
interface SteampipeFixture {
  readonly repository: string;
  readonly commit: string;
  readonly versions: Record<string, { files: string[]; controls: Record<string, string> }>;
}

const steampipeFixture = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "scanner-compliance", "steampipe-cis-monitoring.json"), "utf8"),
) as SteampipeFixture;

describe("CIS numbers, by Steampipe", () => {
  test("the fixture is Steampipe's, at the commit the Steampipe scanner data is read from", () => {
    expect(steampipeFixture.repository).toBe("turbot/steampipe-mod-aws-compliance");
    expect(readFileSync(join(ROOT, "rules", "scanners", "steampipe.yaml"), "utf8")).toContain(`commit: ${steampipeFixture.commit}`);
    expect(Object.keys(steampipeFixture.versions)).toEqual(["1.2.0", "1.4.0", "1.5.0", "2.0.0", "3.0.0", "4.0.0", "5.0.0", "6.0.0"]);
  });

  test.each(Object.entries(steampipeFixture.versions))("CIS v%s: every monitoring control is the one whose query it runs", (version, { controls }) =>
    expectNumbering(version, Object.fromEntries(Object.entries(controls).map(([item, query]) => [item, [query]])), "steampipe"),
  );
});
