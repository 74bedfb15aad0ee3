import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CIS_VERSIONS, CONTROLS, CisVersion } from "../../lib/compliance/controls";
import { cisNumbers } from "../../lib/compliance/render";
import { loadScanners } from "../../lib/compliance/scanner-data";
import { ProblemList } from "../../lib/config/problems";
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
const prowler = loadScanners(ROOT, new ProblemList()).get("prowler")!;
const checkOf = (id: string) => prowler.controls.get(id)?.check ?? CONTROLS.find((control) => control.id === id)?.checks?.prowler;
const ourVersion = (prowlerVersion: string) => CIS_VERSIONS.find((version) => version === prowlerVersion || version === `${prowlerVersion}.0`) as CisVersion;

describe("CIS numbers", () => {
  test("the fixture is Prowler's, at the commit the Prowler scanner data is read from", () => {
    const source = readFileSync(join(ROOT, "rules", "scanners", "prowler.yaml"), "utf8");
    expect(fixture.repository).toBe("prowler-cloud/prowler");
    expect(source).toContain(`commit: ${fixture.commit}`);
    expect(Object.keys(fixture.versions)).toEqual(["1.4", "1.5", "2.0", "3.0", "4.0.1", "5.0", "6.0", "7.0"]);
  });

  test.each(Object.entries(fixture.versions))(
    "CIS v%s: every monitoring requirement is the control whose Prowler check it lists",
    (version, { requirements }) => {
      const ours = ourVersion(version);
      expect(ours).toBeDefined();
      const expected = Object.fromEntries(
        Object.entries(requirements).map(([requirement, checks]) => {
          const controls = CONTROLS.filter((control) => checks.includes(checkOf(control.id) ?? ""));
          expect(controls).toHaveLength(1);
          return [controls[0].id, requirement];
        }),
      );
      const numbered = Object.fromEntries(CONTROLS.filter((control) => control.cis[ours] !== undefined).map((control) => [control.id, control.cis[ours]]));
      expect(numbered).toEqual(expected);
    },
  );

  test("v6.0 and v7.0 renumber the monitoring section to 5.x; the report says which versions use which number", () => {
    const vpc = CONTROLS.find((control) => control.id === "vpc-changes")!;
    expect(cisNumbers(vpc)).toBe("3.14 (v1.2), 4.14 (v1.4-v5.0), 5.14 (v6.0-v7.0)");
    expect(cisNumbers(CONTROLS.find((control) => control.id === "security-hub-enabled")!)).toBe("4.16 (v1.5-v5.0), 5.16 (v6.0-v7.0)");
    expect(cisNumbers(CONTROLS.find((control) => control.id === "organizations-changes")!)).toBe("4.15 (v1.4-v5.0), 5.15 (v6.0-v7.0)");
    expect(cisNumbers(CONTROLS.find((control) => control.id === "alarm-actions")!)).toBe("-");
  });
});
