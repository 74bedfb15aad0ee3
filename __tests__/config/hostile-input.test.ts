import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../lib/config/load-config";
import { InvalidInputError } from "../../lib/source/problems";
import { runEntry } from "../support/run";
import { MINIMAL, loadFrom, problemsFor, tempFiles } from "../support/temp-config";
import { BASELINE_CONFIG, ROOT, synthAccount } from "../support/synth";
import { cpuMs, withinCpu } from "../support/cpu-time";

/** A config's problems, with the CPU time loading took. */
function timed(config: string, extra: Record<string, string> = {}): { problems: string[]; ms: number } {
  const { result: problems, ms } = cpuMs(() => problemsFor(config, extra));
  return { problems, ms };
}

const BOMB = (prefix = "") =>
  [
    `${prefix}a: &a [x, x, x, x, x, x, x, x, x]`,
    ...Array.from({ length: 8 }, (_, i) => `${prefix}${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(", ")}]`),
  ].join("\n");

describe("YAML the library guards: aliases, nesting, tags, encodings", () => {
  test("a billion-laughs config is refused at once, located at the first alias", () => {
    const { problems, ms } = timed(`${BOMB()}\n${MINIMAL}`);
    expect(problems).toEqual([expect.stringMatching(/^config\.yaml:2:\d+: aliases expand to more than 100 copies of their anchors; refused/)]);
    expect(ms).toBeLessThan(1000);
  });

  test("the same inside a rule pack", () => {
    const pack = `pack: bomb\n${BOMB("x")}\nrules: []\n`;
    const { problems, ms } = timed(`rule_packs: [bomb.yaml]\n${MINIMAL}`, { "bomb.yaml": pack.replace(/^x/gm, "").replace("rules: []", "") });
    expect(problems[0]).toMatch(/^bomb\.yaml:\d+:\d+: aliases expand to more than 100 copies/);
    expect(ms).toBeLessThan(1000);
  });

  test("an alias that contains itself, and an alias to no anchor, are located", () => {
    expect(problemsFor(`extra: &x [1, *x]\n${MINIMAL}`)).toEqual([
      "config.yaml:1:15: extra[1]: an alias here refers to a collection that contains it, so the value would be infinite",
    ]);
    expect(problemsFor(MINIMAL.replace("region: us-east-1", "region: *home"))).toEqual([
      "config.yaml:12:13: accounts[0].region: the alias *home refers to no anchor &home defined before it",
    ]);
  });

  test("1,000-deep flow sequences and block mappings are refused before the parser recurses", () => {
    expect(timed(`x: ${"[".repeat(1000)}${"]".repeat(1000)}\n${MINIMAL}`).problems).toEqual([
      "config.yaml:1:67: the document nests deeper than 64 levels; refused",
    ]);
    const block = Array.from({ length: 1000 }, (_, depth) => `${" ".repeat(depth)}k:`).join("\n");
    expect(timed(block).problems).toEqual(["config.yaml:65:65: the document nests deeper than 64 levels; refused"]);
  });

  test("unknown tags are refused, not silently dropped", () => {
    expect(problemsFor(MINIMAL.replace("region: us-east-1", "region: !ref us-east-1"))).toEqual([
      "config.yaml:12:13: YAML: Unresolved tag: !ref; this tool reads plain YAML only (no tags)",
    ]);
  });

  test("invalid UTF-8 is refused where it is", () => {
    const dir = mkdtempSync(join(tmpdir(), "cis-utf8-"));
    writeFileSync(join(dir, "config.yaml"), Buffer.concat([Buffer.from(MINIMAL.replace("sec@example.com", "se")), Buffer.from([0xc3, 0x28])]));
    expect(() => loadConfig(join(dir, "config.yaml"))).toThrow(/config\.yaml:\d+:\d+: is not valid UTF-8 \(byte 0xc3\)/);
  });

  test("special files and huge files are refused, never read", () => {
    const fifo = join(mkdtempSync(join(tmpdir(), "cis-fifo-")), "config.yaml");
    execFileSync("mkfifo", [fifo]);
    for (const file of ["/dev/zero", fifo]) {
      expect(() => withinCpu(1000, () => loadConfig(file))).toThrow(/is not a regular file \(a device, FIFO or socket\); give a file/);
    }
    expect(problemsFor(`rule_packs: [/dev/zero]\n${MINIMAL}`)).toEqual(["/dev/zero:1:1: is not a regular file (a device, FIFO or socket); give a file"]);
    expect(problemsFor(`${MINIMAL}# ${"x".repeat(1100 * 1024)}\n`)).toEqual(["config.yaml:1:1: is 1.1 MiB; at most 1 MiB is read"]);
  });
});

describe("prototype keys are data, never the prototype", () => {
  test("__proto__, constructor, toString and hasOwnProperty are unknown keys where the schema fixes the keys", () => {
    for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      expect(problemsFor(MINIMAL.replace("  log_group:", `  ${key}: { namespace: Evil }\n  log_group:`))).toEqual([
        expect.stringContaining(`defaults.${key}: unknown key "${key}"`),
      ]);
    }
  });

  test("a tag named __proto__ is just a tag", () => {
    const { model } = loadFrom(MINIMAL.replace("  log_group:", "  tags: { __proto__: x, Owner: y }\n  log_group:"));
    const tags = model.accounts[0].tags;
    expect(Object.keys(tags).sort()).toEqual(["Owner", "__proto__"]);
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("values AWS would refuse are refused at synth", () => {
  test.each([".nan", ".NaN", "-.inf", ".inf", "1e400"])("alarm.threshold: %s", (value) => {
    expect(problemsFor(MINIMAL.replace("  log_group:", `  alarm: { threshold: ${value} }\n  log_group:`))).toEqual([
      expect.stringMatching(/^config\.yaml:8:23: defaults\.alarm\.threshold: expected a finite number, got /),
    ]);
  });

  test.each([".nan", ".inf", "1e400"])("overrides.<id>.default_value: %s", (value) => {
    expect(problemsFor(MINIMAL.replace("  log_group:", `  overrides:\n    vpc-changes: { default_value: ${value} }\n  log_group:`))[0]).toMatch(
      /default_value: expected a finite number/,
    );
  });

  test.each([
    ["namespace", '  namespace: "Log\\u0000Metrics"', "U+0000"],
    ["namespace", '  namespace: "Log\\u001bMetrics"', "U+001B"],
    ["namespace", '  namespace: "Log\\u2028Metrics"', "U+2028"],
    ["namespace", '  namespace: "Log\\nMetrics"', "line break"],
    ["alarm_name", '  overrides:\n    vpc-changes: { alarm_name: "a\\nb" }', "line break"],
    ["metric_name", '  overrides:\n    vpc-changes: { metric_name: "a\\tb" }', "line break, tab"],
  ])("control characters in %s (%s)", (_, setting, what) => {
    expect(problemsFor(MINIMAL.replace("  log_group:", `${setting}\n  log_group:`)).join("\n")).toContain(what);
  });

  test("tags hold only the characters AWS allows", () => {
    expect(problemsFor(MINIMAL.replace("  log_group:", "  tags: { Note: 'costs ${team}' }\n  log_group:"))).toEqual([
      'config.yaml:8:17: defaults.tags.Note: tag value "costs ${team}" may hold only letters, digits, spaces and _ . : / = + - @',
    ]);
    expect(problemsFor(MINIMAL.replace("  log_group:", "  tags: { 'a#b': x }\n  log_group:"))[0]).toContain('tag key "a#b" may hold only letters');
  });

  test("a display name on two lines, a reserved namespace, a 100 KB e-mail address", () => {
    expect(problemsFor(MINIMAL.replace("    alerts:\n", '    alerts:\n      display_name: "a\\nb"\n'))[0]).toContain("display name");
    expect(problemsFor(MINIMAL.replace("  log_group:", "  namespace: AWS/Logs\n  log_group:"))[0]).toContain("starts with AWS/, which CloudWatch reserves");
    expect(problemsFor(MINIMAL.replace("sec@example.com", `${"a".repeat(100_000)}@example.com`))[0]).toMatch(
      /is \d+ characters long; at most 8192 are read|an e-mail address has at most 254 characters/,
    );
  });

  test("a metric value that makes an alarm unreachable is blamed on the config line that set it", () => {
    expect(
      problemsFor(MINIMAL.replace("  log_group:", '  rules: { enable: [vpc-changes] }\n  overrides:\n    vpc-changes: { metric_value: "0" }\n  log_group:')),
    ).toEqual([expect.stringMatching(/^config\.yaml:10:34: defaults\.overrides\.vpc-changes\.metric_value: the alarm for vpc-changes can never fire/)]);
  });
});

describe("defaults merge into accounts key by key, as docs/configuration.md says", () => {
  test("an account that sets one alarm key keeps the defaults' others", () => {
    const { model } = loadFrom(
      MINIMAL.replace("  log_group:", "  alarm: { period: 600, evaluation_periods: 2 }\n  log_group:").replace(
        "    region: us-east-1\n",
        "    region: us-east-1\n    alarm: { evaluation_periods: 3 }\n",
      ),
    );
    expect(model.accounts[0].rules[0].alarm).toMatchObject({ period: 600, evaluationPeriods: 3 });
  });

  test("an account's override of a rule keeps the defaults' override of the same rule", () => {
    const withOverride = MINIMAL.replace("    alerts:\n", "    pager:\n      subscriptions: [{ protocol: email, endpoint: p@example.com }]\n    alerts:\n")
      .replace("  log_group:", "  overrides:\n    vpc-changes: { topic: pager }\n  log_group:")
      .replace("    region: us-east-1\n", "    region: us-east-1\n    overrides:\n      vpc-changes: { alarm: { period: 60 } }\n");
    const rule = loadFrom(withOverride).model.accounts[0].rules.find((candidate) => candidate.id === "vpc-changes")!;
    expect(rule.topic).toBe("pager");
    expect(rule.alarm.period).toBe(60);
  });
});

describe("every problem in one run, each once, root causes first", () => {
  test("three mistakes in different places: one run", () => {
    const config = `rule_packs: [custom.yaml]\n${MINIMAL.replace("log_group:", "log_grup:").replace("    region: us-east-1\n", "    region: us-east-1\n    rules: { enable: [root-usage] }\n")}`;
    const problems = problemsFor(config, {
      "custom.yaml": "pack: custom\nrules:\n  - { id: c, title: t, severity: low, description: d, metric_name: M, pattern: '{ ($.a = 1 }' }\n",
    });
    expect(problems).toEqual([
      expect.stringContaining('defaults.log_grup: unknown key "log_grup"'),
      expect.stringContaining('accounts[0].rules.enable[0]: unknown rule id "root-usage" (did you mean "root-account-usage"?)'),
      expect.stringMatching(/^custom\.yaml:3:\d+: rules\[0\]\.pattern: column 3 of the pattern: unbalanced parentheses/),
    ]);
  });

  test("a mistake in defaults is reported once, naming the accounts it affects", () => {
    const config = MINIMAL.replace("  log_group:", "  alarm: { period: 90 }\n  log_group:").replace(
      "accounts:\n",
      'accounts:\n  - { name: beta, id: "210987654321", region: us-east-1 }\n',
    );
    const problems = problemsFor(config);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/defaults\.alarm\.period: .*period 90 must be a multiple of 60.*\(accounts beta, main\)$/);
  });

  test("no topics at all: that one root cause, not one error per rule", () => {
    const problems = problemsFor('accounts:\n  - { name: main, id: "123456789012", region: us-east-1 }\n');
    expect(problems).toEqual(["config.yaml:2:5: accounts[0].topics: no topics are defined, so the alarms would notify nobody"]);
  });
});

describe("the output folder", () => {
  test("CDKTF_OUTDIR under a folder that does not exist: a message, no stack trace", () => {
    const result = runEntry("main.ts", [], { CIS_CONFIG: join(tempFiles({ "config.yaml": MINIMAL }), "config.yaml"), CDKTF_OUTDIR: "/nonexistent/parent/out" });
    expect(result.status).toBe(1);
    // (MINIMAL's placeholder address is warned about first.)
    expect(result.stderr.replace(/^warning: .*\n/gm, "")).toBe(
      "error: cannot write /nonexistent/parent/out: the folder /nonexistent/parent does not exist; nothing was synthesized.\n",
    );
  });
});

test("the minimal config still synthesizes (sanity for this file's fixtures)", () => {
  const { model } = loadFrom(MINIMAL);
  expect(Object.keys(synthAccount(model.accounts[0], model).resource.aws_cloudwatch_metric_alarm)).toHaveLength(15);
  expect(readFileSync).toBeDefined();
  expect(InvalidInputError).toBeDefined();
});

describe("reproductions from the hardening pass of the newer commands", () => {
  test("organization_trail.account of a wrong type is one located schema error, not a TypeError", () => {
    for (const value of ["42", "[mgmt]", "{ a: 1 }", "null"]) {
      const problems = problemsFor(`organization_trail: { account: ${value} }\n${MINIMAL}`);
      expect(problems).toEqual([expect.stringMatching(/^config\.yaml:1:\d+: organization_trail\.account: /)]);
    }
  });

  test("an evidence record 100,000 levels deep is a located failure of its example, not a RangeError", () => {
    const dir = tempFiles({
      "config.yaml": `rule_packs: [pack.yaml]\n${MINIMAL.replace("  log_group:", "  rules: { enable: [deep-rule] }\n  log_group:")}`,
      "pack.yaml":
        "pack: deep\nevidence: [.]\nrules:\n  - { id: deep-rule, title: t, severity: low, description: d, metric_name: Deep, pattern: '{ $.a = 1 }', examples: { match: [deep] } }\n",
      "deep.json": `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
    });
    const result = runEntry("lib/commands/check.ts", ["--config", join(dir, "config.yaml"), "--snapshots", join(dir, "snap")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${join(dir, "deep.json")}:1:65: JSON nested deeper than 64 levels`);
    expect(result.stderr).not.toMatch(/RangeError|\n\s+at /);
  });

  test("a scanner regex JavaScript rejects, or one that backtracks exponentially, is a located error in the scanner file", () => {
    const root = mkdtempSync(join(tmpdir(), "cis-root-"));
    cpSync(join(ROOT, "rules"), join(root, "rules"), { recursive: true });
    const file = join(root, "rules", "scanners", "steampipe.yaml");
    const original = readFileSync(file, "utf8");
    for (const [regex, message] of [
      ["(?<x>", /not a regular expression JavaScript accepts: .*Unterminated group/],
      ["(a+)+$", /a quantified group holds a quantifier of its own/],
    ] as const) {
      writeFileSync(
        file,
        original.replace(/regex: '[^']*'/, () => `regex: '${regex}'`),
      );
      expect(() => loadConfig(join(ROOT, BASELINE_CONFIG), root)).toThrow(message);
      try {
        loadConfig(join(ROOT, BASELINE_CONFIG), root);
      } catch (error) {
        expect((error as InvalidInputError).problems.map((problem) => problem.location.file)).toEqual(["rules/scanners/steampipe.yaml"]);
      }
    }
  });
});
