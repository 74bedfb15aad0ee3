import { runEntry } from "../support/run";
import { MINIMAL, loadFrom, problemsFor, tempFiles } from "../support/temp-config";
import { resources, synthAccount } from "../support/synth";
import { join } from "node:path";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

const withPolicy = (policy: string) => MINIMAL.replace("  log_group: { lookup: false }", `  log_group: { lookup: false }\n  password_policy: ${policy}`);

describe("IAM account password policy", () => {
  test("defaults to CIS: 14 characters, 24 remembered, all character classes, users may change their own", () => {
    const { model } = loadFrom(MINIMAL);
    expect(resources(synthAccount(model.accounts[0], model), "aws_iam_account_password_policy")).toEqual({
      account: expect.objectContaining({
        minimum_password_length: 14,
        password_reuse_prevention: 24,
        require_uppercase_characters: true,
        require_lowercase_characters: true,
        require_numbers: true,
        require_symbols: true,
        allow_users_to_change_password: true,
      }),
    });
  });

  test("max age is configurable", () => {
    const { model } = loadFrom(withPolicy("{ max_age_days: 90, hard_expiry: false }"));
    expect(resources(synthAccount(model.accounts[0], model), "aws_iam_account_password_policy").account).toMatchObject({
      max_password_age: 90,
      hard_expiry: false,
    });
  });

  test("weaker values are refused, each where it is written", () => {
    expect(problemsFor(withPolicy("{ minimum_length: 8, reuse_prevention: 5, require_symbols: false }"))).toEqual([
      "config.yaml:9:38: defaults.password_policy.minimum_length: minimum_length 8 is below CIS's 14; set password_policy.allow_weaker: true to accept it",
      "config.yaml:9:59: defaults.password_policy.reuse_prevention: reuse_prevention 5 is below 24 (Security Hub IAM.16 fails on any other value); set password_policy.allow_weaker: true to accept it",
      "config.yaml:9:79: defaults.password_policy.require_symbols: require_symbols: false is weaker than CIS (Security Hub IAM.7); set password_policy.allow_weaker: true to accept it",
    ]);
  });

  test("allow_weaker accepts them, and synth prints a warning for each, at the setting", () => {
    const config = withPolicy("{ minimum_length: 8, allow_weaker: true }");
    const { model } = loadFrom(config);
    // (MINIMAL's placeholder e-mail address has a warning of its own.)
    const policyWarning =
      "config.yaml:9:38: defaults.password_policy.minimum_length: account main: password policy minimum_length 8 is below CIS's 14 (allowed by allow_weaker)";
    const own = model.warnings.filter((warning) => !warning.includes("is a placeholder"));
    expect(own).toHaveLength(1);
    expect(own[0].endsWith(`/${policyWarning}`)).toBe(true);
    const dir = tempFiles({ "config.yaml": config });
    const result = runEntry("main.ts", [], { CIS_CONFIG: join(dir, "config.yaml"), CDKTF_OUTDIR: mkdtempSync(join(tmpdir(), "cis-out-")) });
    expect(result.status).toBe(0);
    expect(result.stderr.split("\n").filter((line) => line && !line.includes("is a placeholder"))).toEqual([`warning: ${join(dir, policyWarning)}`]);
  });

  test("disabled: no password policy resource", () => {
    const { model } = loadFrom(withPolicy("{ enabled: false }"));
    expect(synthAccount(model.accounts[0], model).resource.aws_iam_account_password_policy).toBeUndefined();
  });
});
