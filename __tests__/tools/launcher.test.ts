import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * tools/launcher.js rebuilds its bundle when any file the bundle was built from changes (the
 * inputs esbuild's metafile lists), JSON included, and reuses it otherwise. Run on a scratch
 * project of its own, so the bundles it caches go with the scratch folder.
 */
const root = resolve(__dirname, "..", "..");

describe("the launcher", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cis-launcher-"));
    mkdirSync(join(dir, "tools"));
    copyFileSync(join(root, "tools", "launcher.js"), join(dir, "tools", "launcher.js"));
    mkdirSync(join(dir, "node_modules"));
    for (const name of ["esbuild", "@esbuild"]) symlinkSync(join(root, "node_modules", name), join(dir, "node_modules", name));
    writeFileSync(join(dir, "package-lock.json"), "{}");
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src", "data.json"), '{ "value": 1 }');
    writeFileSync(join(dir, "src", "word.ts"), 'export const word = "one";\n');
    writeFileSync(join(dir, "entry.ts"), 'import data from "./src/data.json";\nimport { word } from "./src/word";\nconsole.log(`${data.value} ${word}`);\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = () => spawnSync(process.execPath, ["tools/launcher.js", "entry.ts"], { cwd: dir, encoding: "utf8" });
  /** Rewrites a file with a modification time later than any bundle built so far. */
  const change = (path: string, text: string, seconds: number) => {
    writeFileSync(join(dir, path), text);
    const later = Date.now() / 1000 + seconds;
    utimesSync(join(dir, path), later, later);
  };
  const bundles = () =>
    readdirSync(join(dir, "node_modules", ".cache", "cis-baseline"), { recursive: true })
      .map(String)
      .sort();

  test("builds once, then runs the cached bundle", () => {
    expect(run().stdout).toBe("1 one\n");
    const before = bundles();
    expect(before.some((name) => name.endsWith("entry.js.inputs.json"))).toBe(true);
    expect(run().stdout).toBe("1 one\n");
    expect(bundles()).toEqual(before);
  });

  test("rebuilds when an imported JSON file changes", () => {
    change("src/data.json", '{ "value": 2 }', 10);
    expect(run().stdout).toBe("2 one\n");
  });

  test("rebuilds when its record of inputs is damaged", () => {
    const record = bundles().find((name) => name.endsWith("entry.js.inputs.json"))!;
    writeFileSync(join(dir, "node_modules", ".cache", "cis-baseline", record), '{ "not": "a list" }');
    const result = run();
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("2 one\n");
    expect(JSON.parse(readFileSync(join(dir, "node_modules", ".cache", "cis-baseline", record), "utf8"))).toContain("entry.ts");
  });

  test("rebuilds when an imported TypeScript file outside lib/ changes", () => {
    change("src/word.ts", 'export const word = "two";\n', 20);
    expect(run().stdout).toBe("2 two\n");
  });
});
