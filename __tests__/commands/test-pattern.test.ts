import { join } from "node:path";
import { testPatternCommand } from "../../lib/commands/test-pattern";
import { runEntry } from "../support/run";
import { BASELINE_CONFIG, ROOT } from "../support/synth";
import { MINIMAL, tempFiles } from "../support/temp-config";

function run(args: string[], stdin = ""): { status: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const status = testPatternCommand(args, { write: (text) => (stdout += text), error: (text) => (stderr += text) }, () => stdin);
  return { status, stdout, stderr };
}

const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
const FIXTURES = join(ROOT, "rules", "evidence", "cloudtrail");
const BASELINE = join(ROOT, BASELINE_CONFIG);

describe("npm run test-pattern", () => {
  test("--json prints one object per event with its 0-based index and match", () => {
    const dir = tempFiles({
      "one.json": JSON.stringify({ eventName: "StopLogging" }),
      "array.json": JSON.stringify([{ eventName: "CreateTrail" }, { eventName: "DescribeTrails" }]),
      "trail.json": JSON.stringify({ Records: [{ eventName: "DeleteTrail" }] }),
      "lines.jsonl": '{"eventName":"UpdateTrail"}\n\n{"eventName":"GetTrail"}\n',
    });
    const result = run(["--rule", "cloudtrail-changes", "--json", dir]);
    expect(result.status).toBe(0);
    expect(jsonLines(result.stdout).map(({ index, match, origin }) => ({ index, match, origin }))).toEqual([
      { index: 0, match: true, origin: expect.stringMatching(/array\.json\[0\]$/) },
      { index: 1, match: false, origin: expect.stringMatching(/array\.json\[1\]$/) },
      { index: 2, match: true, origin: expect.stringMatching(/lines\.jsonl:1$/) },
      { index: 3, match: false, origin: expect.stringMatching(/lines\.jsonl:3$/) },
      { index: 4, match: true, origin: expect.stringMatching(/one\.json$/) },
      { index: 5, match: true, origin: expect.stringMatching(/trail\.json\[0\]$/) },
    ]);
  });

  test("a malformed line is reported with its position and the others still run (exit 1)", () => {
    const result = run(["--pattern", "{ $.eventName = ConsoleLogin }", "--json", "-"], '{"eventName":"ConsoleLogin"}\n{"eventName": \n{"eventName":"X"}\n');
    expect(result.status).toBe(1);
    expect(jsonLines(result.stdout)).toEqual([
      { index: 0, match: true, origin: "stdin:1", eventName: "ConsoleLogin" },
      { index: 1, match: false, origin: "stdin:2", error: expect.stringContaining("not valid JSON") },
      { index: 2, match: false, origin: "stdin:3", eventName: "X" },
    ]);
  });

  test("the readable report over the real CloudTrail records", () => {
    const result = run(["--rule", "root-account-usage", FIXTURES]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^pattern: \{\$\.userIdentity\.type="Root"/);
    expect(result.stdout).toContain("MATCH    #17  cloudtrail/ConsoleLogin__awsdocs_root_failure.json  signin.amazonaws.com  ConsoleLogin  Root");
    expect(result.stdout).toMatch(/\n7 of 80 events match\n$/);
  });

  test("raw text events for term patterns", () => {
    const result = run(["--pattern", "ERROR -DEBUG", "--json", "-"], '"ERROR disk full"\n"DEBUG ERROR retry"\n');
    expect(jsonLines(result.stdout).map((line) => line.match)).toEqual([true, false]);
  });

  test("--rule without events checks the rule's own examples", () => {
    const result = run(["--rule", "route-table-changes"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("ok   must match      CreateRouteTable__derived_from_createroute");
    expect(result.stdout).toMatch(/4 of 4 examples behave as the rule says\n$/);
  });

  test("usage errors exit 2: bad pattern (with column), unknown rule, both or neither option", () => {
    const bad = run(["--pattern", "{ ($.a = 1 }", "-"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("error: column 3 of the pattern: unbalanced parentheses: '(' at column 3 is never closed\n  { ($.a = 1 }\n    ^\n");
    expect(run(["--rule", "root-usage", "-", "--config", BASELINE]).stderr).toBe(
      `error: unknown rule id "root-usage" (did you mean "root-account-usage"?) in the packs ${BASELINE} loads (--config picks another config)\n`,
    );
    expect(run(["--rule", "vpc-changes", "--pattern", "x"]).status).toBe(2);
    expect(run(["x.json"]).status).toBe(2);
    expect(run(["--pattern", "x"]).stderr).toContain("no events given");
  });

  test("--config (or CIS_CONFIG) makes a config's own packs' rules testable, with their own evidence", () => {
    const dir = tempFiles({
      "config.yaml": `rule_packs: [acme.yaml]\n${MINIMAL}`,
      "acme.yaml":
        "pack: acme\nevidence: [.]\nrules:\n  - { id: acme-login, title: t, severity: low, description: d, metric_name: M, pattern: '{ $.eventName = ConsoleLogin }', examples: { match: [login], no_match: [user] } }\n",
      "login.json": '{"eventName": "ConsoleLogin"}',
      "user.json": '{"eventName": "CreateUser"}',
    });
    const viaOption = run(["--rule", "acme-login", "--config", join(dir, "config.yaml")]);
    expect(viaOption).toMatchObject({ status: 0, stderr: "" });
    expect(viaOption.stdout).toBe("  ok   must match      login\n  ok   must not match  user\n2 of 2 examples behave as the rule says\n");
    const viaEnvironment = runEntry(
      "lib/commands/test-pattern.ts",
      ["--rule", "acme-login", "-"],
      { CIS_CONFIG: join(dir, "config.yaml") },
      '{"eventName":"ConsoleLogin"}',
    );
    expect(viaEnvironment.stdout).toContain("1 of 1 events match");
  });

  test("a missing file is an unreadable event, not a crash", () => {
    const result = run(["--pattern", "x", "--json", "/nonexistent.json"]);
    expect(result.status).toBe(1);
    expect(jsonLines(result.stdout)).toEqual([{ index: 0, match: false, origin: "/nonexistent.json", error: "no such file or folder" }]);
  });

  test("runs as a command through the launcher, reading stdin", () => {
    const result = runEntry(
      "lib/commands/test-pattern.ts",
      ["--rule", "unauthorized-api-calls", "--json", "-"],
      {},
      '{"errorCode":"Client.UnauthorizedOperation"}\n{"errorCode":"ThrottlingException"}\n',
    );
    expect(result.status).toBe(0);
    expect(jsonLines(result.stdout).map((line) => line.match)).toEqual([true, false]);
  });
});
