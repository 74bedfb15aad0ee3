import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

/**
 * The layer rules of .dependency-cruiser.cjs (run by `npm run lint`), applied by the real
 * dependency-cruiser to small trees of modules: each forbidden shape fails, naming its rule.
 */
const root = resolve(__dirname, "..", "..");
const depcruise = join(root, "node_modules", ".bin", "depcruise");

function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "cis-layers-"));
  try {
    writeFileSync(join(dir, "tsconfig.json"), '{ "compilerOptions": { "strict": true } }');
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const result = spawnSync(depcruise, ["lib", "--config", join(root, ".dependency-cruiser.cjs"), "--output-type", "err"], { cwd: dir, encoding: "utf8" });
    return { status: result.status, output: result.stdout + result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const leaf = "export const value = 1;\n";

describe("the layers of lib/", () => {
  test("an import down the layers passes", () => {
    const result = cruise({ "lib/config/a.ts": 'import { value } from "../source/b";\nexport const a = value;\n', "lib/source/b.ts": leaf });
    expect(result.output).toContain("no dependency violations");
    expect(result.status).toBe(0);
  });

  test("an import up the layers fails", () => {
    const result = cruise({ "lib/source/a.ts": 'import { value } from "../config/b";\nexport const a = value;\n', "lib/config/b.ts": leaf });
    expect(result.output).toMatch(/upward-from-lib-source: lib\/source\/a\.ts → lib\/config\/b\.ts/);
    expect(result.status).not.toBe(0);
  });

  test("an import between two folders of one layer fails", () => {
    const result = cruise({ "lib/review/a.ts": 'import { value } from "../simulate/b";\nexport const a = value;\n', "lib/simulate/b.ts": leaf });
    expect(result.output).toMatch(/sideways-from-lib-review: lib\/review\/a\.ts → lib\/simulate\/b\.ts/);
    expect(result.status).not.toBe(0);
  });

  test("an import circle fails, even through types only", () => {
    const result = cruise({
      "lib/config/a.ts": 'import type { B } from "./b";\nexport interface A { b?: B }\n',
      "lib/config/b.ts": 'import type { A } from "./a";\nexport interface B { a?: A }\n',
    });
    expect(result.output).toContain("no-circular");
    expect(result.status).not.toBe(0);
  });

  test("a folder that is in no layer fails", () => {
    const result = cruise({ "lib/stray/a.ts": 'import { value } from "../source/b";\nexport const a = value;\n', "lib/source/b.ts": leaf });
    expect(result.output).toMatch(/in-a-layer: lib\/stray\/a\.ts/);
    expect(result.status).not.toBe(0);
  });

  test("this project's own modules pass", () => {
    const result = spawnSync(depcruise, ["lib", "tools", "main.ts", "--output-type", "err"], { cwd: root, encoding: "utf8" });
    expect(result.stdout + result.stderr).toContain("no dependency violations");
    expect(result.status).toBe(0);
  });
});
