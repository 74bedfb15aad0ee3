import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./support/synth";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
/** Every relative link of a Markdown file, as a path from the project root. */
const links = (path: string) =>
  [...read(path).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
    .map((match) => match[1])
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => join(path, "..", target));

describe("README and docs", () => {
  test("the README stays a front page: at most 15 KB, the two commands first", () => {
    const readme = read("README.md");
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15 * 1024);
    expect(readme.split("\n").slice(0, 6).join("\n")).toMatch(/npm ci && npx cdktf synth[^\n]*\nnpm test/);
  });

  test("every document is linked from the README, and every relative link resolves", () => {
    const documents = [
      "CONTRIBUTING.md",
      ...["architecture", "commands", "compliance", "configuration", "day-2", "organizations", "performance", "pipeline"].map((name) => `docs/${name}.md`),
    ];
    const fromReadme = links("README.md");
    expect(documents.filter((document) => !fromReadme.includes(document))).toEqual([]);
    for (const document of ["README.md", ...documents]) expect(links(document).filter((target) => !existsSync(join(ROOT, target)))).toEqual([]);
  });

  test("every file the tables of places in docs/architecture.md name exists", () => {
    const text = read("docs/architecture.md");
    const paths = [...text.matchAll(/`((?:lib|rules|tools|__tests__)\/[^`*<> ]+?|main\.ts)`/g)].map((match) => match[1]);
    expect(paths.length).toBeGreaterThan(20);
    expect(paths.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });
});
