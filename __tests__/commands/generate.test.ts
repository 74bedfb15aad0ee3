import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generatedFiles } from "../../lib/commands/generate";
import { ScratchRepository } from "../../tools/scratch-repository";
import { ROOT } from "../support/synth";

/** npm run generate: one generator for every generated file and section, and its freshness check. */
test("every generated file and section is up to date (npm run generate)", () => {
  const files = generatedFiles(ROOT);
  expect(files.map(({ file }) => file.slice(ROOT.length + 1)).sort()).toEqual(
    [
      "docs/compliance.md",
      "docs/configuration.md",
      "rules/RULES.md",
      "rules/schema/config.schema.json",
      "rules/schema/pack.schema.json",
      "rules/schema/scanner.schema.json",
    ].sort(),
  );
  for (const { file, text } of files) expect(readFileSync(file, "utf8")).toBe(text);
});

describe("npm run generate -- --check", () => {
  const repo = new ScratchRepository({});
  afterAll(() => repo.remove());
  const read = (path: string) => readFileSync(join(repo.dir, path), "utf8");

  test("passes on fresh files", () => {
    const result = repo.run("lib/commands/generate.ts", ["--check"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  test("fails on a stale generated section, naming the file, and writes nothing; without --check it rewrites the section only", () => {
    const fresh = read("docs/configuration.md");
    const stale = fresh.replace(/(<!-- config-reference:start -->\n)[^\n]*\n/, "$1| a row someone edited by hand |\n");
    expect(stale).not.toBe(fresh);
    repo.write({ "docs/configuration.md": `${stale}\nA paragraph of ours.\n` });
    const check = repo.run("lib/commands/generate.ts", ["--check"]);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/docs\/configuration\.md is out of date; run npm run generate/);
    expect(read("docs/configuration.md")).toBe(`${stale}\nA paragraph of ours.\n`);
    const write = repo.run("lib/commands/generate.ts", []);
    expect(write.status).toBe(0);
    expect(read("docs/configuration.md")).toBe(`${fresh}\nA paragraph of ours.\n`);
  });

  test("refuses an unknown flag (a misspelt --check must not rewrite files)", () => {
    const result = repo.run("lib/commands/generate.ts", ["--chek"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--chek/);
  });
});
