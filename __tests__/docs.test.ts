import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ACCOUNT_CASES, DASHBOARD_CASES, ORGANIZATION_CASES, REGION_CASES, RULE_CASES, TOPIC_CASES } from "./support/day2-matrix";
import { ROOT } from "./support/synth";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README", () => {
  test("lists every case of the day-2 matrix", () => {
    const listed = readme.slice(readme.indexOf("<!-- day2-cases:start -->"), readme.indexOf("<!-- day2-cases:end -->"));
    for (const item of [...RULE_CASES, ...TOPIC_CASES, ...REGION_CASES, ...ACCOUNT_CASES, ...ORGANIZATION_CASES, ...DASHBOARD_CASES])
      expect(listed).toContain(item.name);
  });

  test("every file the tables of places name exists", () => {
    const tables = readme.slice(readme.indexOf("## Layout"), readme.indexOf("## Configuration"));
    const paths = [...tables.matchAll(/`((?:lib|rules|__tests__)\/[^`*<> ]+?|main\.ts)`/g)].map((match) => match[1]);
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });
});
