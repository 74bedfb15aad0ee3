import { spawnSync } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../support/synth";

jest.setTimeout(60_000);

/**
 * Without terraform the terraform checks must say so and show as skipped, never pass as if
 * they had run; with CIS_REQUIRE_TERRAFORM=1 (CI) they must fail.
 */
describe("terraform checks without terraform", () => {
  // A PATH holding node (and git/tar/sh) but no terraform.
  const bin = mkdtempSync(join(tmpdir(), "cis-no-terraform-"));
  symlinkSync(process.execPath, join(bin, "node"));
  const env = { ...process.env, PATH: `${bin}:/bin`, CIS_REQUIRE_TERRAFORM: "" };
  // A jest of its own on one small test file that uses the harness, as every terraform test does.
  const config = {
    rootDir: ROOT,
    testMatch: ["<rootDir>/__tests__/fixtures/terraform-skip/skipped.ts"],
    transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } } }] },
  };
  const jest = (extra: Record<string, string>) =>
    spawnSync(process.execPath, [join(ROOT, "node_modules", "jest", "bin", "jest.js"), "--config", JSON.stringify(config)], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...env, ...extra },
    });

  test("are reported loudly and counted as skipped", () => {
    const result = jest({});
    expect(result.stderr).toContain("*** TERRAFORM CHECKS SKIPPED (a terraform check): the terraform binary is not on the PATH ***");
    expect(result.stderr).toMatch(/Tests:\s+\d+ skipped, \d+ total/);
    expect(result.stderr).not.toMatch(/\d+ passed/);
    expect(result.status).toBe(0);
  });

  test("fail when CIS_REQUIRE_TERRAFORM=1", () => {
    const result = jest({ CIS_REQUIRE_TERRAFORM: "1" });
    expect(result.stderr).toContain("terraform is required here (CIS_REQUIRE_TERRAFORM=1): the terraform binary is not on the PATH");
    expect(result.status).not.toBe(0);
  });
});
