import { spawnSync } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../support/synth";

jest.setTimeout(120_000);

/**
 * Without terraform the terraform checks must say so and show as skipped, never pass as if
 * they had run; with CIS_REQUIRE_TERRAFORM=1 (CI) they must fail.
 */
describe("terraform checks without terraform", () => {
  // A PATH holding node (and git/tar/sh) but no terraform.
  const bin = mkdtempSync(join(tmpdir(), "cis-no-terraform-"));
  symlinkSync(process.execPath, join(bin, "node"));
  const env = { ...process.env, PATH: `${bin}:/bin`, CIS_REQUIRE_TERRAFORM: "" };
  const jest = (extra: Record<string, string>) =>
    spawnSync(process.execPath, [join(ROOT, "node_modules", "jest", "bin", "jest.js"), "--selectProjects", "terraform", "__tests__/terraform/validate.test.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...env, ...extra },
    });

  test("are reported loudly and counted as skipped", () => {
    const result = jest({});
    expect(result.stderr).toContain("*** TERRAFORM CHECKS SKIPPED (terraform validate (JSON)): the terraform binary is not on the PATH ***");
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
