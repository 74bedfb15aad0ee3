import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulateCommand } from "../../lib/commands/simulate";
import { testPatternCommand } from "../../lib/commands/test-pattern";
import { readEvents } from "../../lib/events/read-events";
import { logEventFromMessage, matches, parsePattern } from "../../lib/pattern";
import { ROOT, loadModel, synthAccountText } from "../support/synth";

type Run = { status: number; stdout: string; stderr: string; ms: number };
const capture =
  (command: (argv: string[], out: { write(t: string): void; error(t: string): void }, stdin?: () => string) => number) =>
  (args: string[], stdin = ""): Run => {
    let stdout = "";
    let stderr = "";
    const started = Date.now();
    const status = command(args, { write: (text) => (stdout += text), error: (text) => (stderr += text) }, () => stdin);
    return { status, stdout, stderr, ms: Date.now() - started };
  };
const testPattern = capture(testPatternCommand);
const simulate = capture(simulateCommand);
const folder = () => mkdtempSync(join(tmpdir(), "cis-hostile-"));
const file = (name: string, text: string | Buffer) => {
  const path = join(folder(), name);
  writeFileSync(path, text);
  return path;
};

describe("patterns that would backtrack or recurse", () => {
  test.each([
    ["{ $.a = %a*a*a*a*a*b% }", { a: "a".repeat(5000) }],
    ["{ $.a = %.*.*.*.*=% }", { a: "x".repeat(5000) }],
    ["{ $.a = %[a-z]*[a-z]*[a-z]*[a-z]*X% }", { a: "abc".repeat(2000) }],
    ['{ $.a = "a*a*a*a*a*b" }', { a: "a".repeat(100_000) }],
    ["%a*a*a*a*a*b%", { a: "a".repeat(5000) }],
  ])("%s runs in linear time", (pattern, event) => {
    const started = Date.now();
    expect(matches(parsePattern(pattern), { message: JSON.stringify(event), json: event })).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });

  test("5,000 nested or unclosed parentheses are a located syntax error, in a pack and in --pattern", () => {
    expect(() => parsePattern(`{ ${"(".repeat(5000)}$.a = 1${")".repeat(5000)} }`)).toThrow("column 35: parentheses nest deeper than 32 levels");
    const result = testPattern(["--pattern", `{ ${"(".repeat(5000)}`, "-"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: column 35 of the pattern: parentheses nest deeper than 32 levels/);
  });

  test("10,000 || terms parse into one wide node and evaluate", () => {
    const pattern = parsePattern(`{ ${Array(10_000).fill("$.a = 1").join(" || ")} }`);
    expect(matches(pattern, logEventFromMessage('{"a": 1}'))).toBe(true);
  });

  test("space-delimited patterns take one ... and match in linear time", () => {
    expect(() => parsePattern("[a, ..., b, ..., c]")).toThrow("a space-delimited pattern may hold one ... only");
    const started = Date.now();
    expect(matches(parsePattern("[first, ..., last = z]"), logEventFromMessage(`${Array(200_000).fill("x").join(" ")} z`))).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("event input", () => {
  test("20,000-deep JSON in a file or a line is an unreadable event, not a crash", () => {
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    for (const text of [deep, `{"a": 1}\n${deep}\n`]) {
      const result = testPattern(["--pattern", "x", "--json", file("e.json", text)]);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/"error":"nests deeper than 64 levels \(at character 65\); refused"/);
    }
  });

  test("a 20 MB line of [ and /dev/zero are refused quickly", () => {
    const started = Date.now();
    expect(readEvents([file("big.json", "[".repeat(20 * 1024 * 1024)), "/dev/zero"]).map((entry) => entry.error)).toEqual([
      "nests deeper than 64 levels (at character 65); refused",
      "is not a regular file (a device, FIFO or socket); give a file",
    ]);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test("a folder with a sub-folder named *.json and files of every kind", () => {
    const dir = folder();
    mkdirSync(join(dir, "nested.json"));
    writeFileSync(join(dir, "a.json"), '{"eventName":"CreateUser"}');
    writeFileSync(join(dir, "b.txt"), "not an event");
    writeFileSync(join(dir, "c.jsonl"), '{"eventName":"ConsoleLogin"}\n[1]\n42\n');
    writeFileSync(join(dir, "d.json"), Buffer.from([0xff, 0xfe]));
    const result = testPattern(["--pattern", "{ $.eventName = ConsoleLogin }", "--json", dir]);
    expect(result.status).toBe(1);
    expect(
      result.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual([
      expect.objectContaining({ origin: expect.stringContaining("a.json"), match: false }),
      expect.objectContaining({ origin: expect.stringContaining("c.jsonl:1"), match: true }),
      expect.objectContaining({ origin: expect.stringContaining("c.jsonl:2"), error: expect.stringContaining("expected an event object") }),
      expect.objectContaining({ origin: expect.stringContaining("c.jsonl:3"), error: expect.stringContaining("expected an event object") }),
      expect.objectContaining({ origin: expect.stringMatching(/d\.json$/), error: "is not valid UTF-8 (byte 0xff)" }),
    ]);
  });

  test("130,000 events in one file are read", () => {
    const events = readEvents([file("many.jsonl", Array(130_000).fill('{"eventName":"x"}').join("\n"))]);
    expect(events).toHaveLength(130_000);
  });

  test('terms search the event as written: "1.0" is in {"v": 1.0}', () => {
    const [entry] = readEvents([file("one.json", '[ {"v": 1.0} ]')]);
    const result = testPattern(["--pattern", '"1.0"', file("two.json", '[ {"v": 1.0} ]')]);
    expect(entry.message).toBe('{"v": 1.0}');
    expect(result.stdout).toContain("1 of 1 events match");
  });

  test("test-pattern --json | head -2 stops quietly", () => {
    const events = file("many.jsonl", Array(50_000).fill('{"eventName":"x"}').join("\n"));
    const result = spawnSync("sh", ["-c", `node lib/launcher.js lib/commands/test-pattern.ts --pattern x --json ${events} | head -2`], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(result.stdout.trim().split("\n")).toHaveLength(2);
    expect(result.stderr).toBe("");
  });
});

describe("simulate with hostile events and stacks", () => {
  const model = loadModel("rules/examples/seed-004.yaml");
  const stack = file("stack.json", synthAccountText(model.accounts[0], model));

  test("events without eventTime, with odd ones, and 270,000 years apart", () => {
    const events = [
      { eventName: "CreateVpc" },
      { eventName: "CreateVpc", eventTime: "yesterday" },
      { eventName: "CreateVpc", eventTime: "-270000-01-01T00:00:00Z" },
      { eventName: "CreateVpc", eventTime: "+270000-01-01T00:00:00Z" },
    ];
    const result = simulate(["--stack", stack, "--json", file("e.json", JSON.stringify(events))]);
    expect(result.stderr).toBe("");
    expect(result.ms).toBeLessThan(2000);
    const report = JSON.parse(result.stdout);
    expect(report.problems).toEqual(expect.arrayContaining([expect.stringContaining("has no valid eventTime")]));
  });

  test("150,000 timed events (more than a spread of arguments survives)", () => {
    const lines = Array.from(
      { length: 150_000 },
      (_, i) => `{"eventName":"CreateVpc","eventTime":"${new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString()}"}`,
    ).join("\n");
    const one = JSON.parse(readFileSync(stack, "utf8"));
    for (const type of ["aws_cloudwatch_log_metric_filter", "aws_cloudwatch_metric_alarm"])
      one.resource[type] = { vpc_changes: one.resource[type].vpc_changes };
    const result = simulate(["--stack", file("one.json", JSON.stringify(one)), file("many.jsonl", lines)]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("150000 events");
  });

  test.each([
    ["null", "null"],
    ["a filter without a metric transformation", JSON.stringify({ resource: { aws_cloudwatch_log_metric_filter: { f: { name: "f", pattern: "x" } } } })],
    [
      "a pattern that does not parse",
      JSON.stringify({
        resource: { aws_cloudwatch_log_metric_filter: { f: { name: "f", pattern: "{ (", metric_transformation: { name: "m", namespace: "n", value: "1" } } } },
      }),
    ],
    [
      "period 0",
      JSON.stringify({
        resource: {
          aws_cloudwatch_metric_alarm: {
            a: { alarm_name: "a", period: 0, evaluation_periods: 1, threshold: 1, statistic: "Sum", comparison_operator: "GreaterThanThreshold" },
          },
        },
      }),
    ],
    [
      "period NaN",
      JSON.stringify({
        resource: {
          aws_cloudwatch_metric_alarm: {
            a: { alarm_name: "a", period: "x", evaluation_periods: 1, threshold: 1, statistic: "Sum", comparison_operator: "GreaterThanThreshold" },
          },
        },
      }),
    ],
    [
      "a billion evaluation periods",
      JSON.stringify({
        resource: {
          aws_cloudwatch_metric_alarm: {
            a: { alarm_name: "a", period: 60, evaluation_periods: 1e9, threshold: 1, statistic: "Sum", comparison_operator: "GreaterThanThreshold" },
          },
        },
      }),
    ],
  ])("a --stack file with %s is reported, not a crash", (_, text) => {
    const result = simulate(["--stack", file("s.json", text), file("e.json", '{"eventName":"x","eventTime":"2024-01-01T00:00:00Z"}')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/problems:\n {2}(the stack file is not|aws_cloudwatch_log_metric_filter\.f|alarm a: )/);
    expect(result.ms).toBeLessThan(2000);
  });

  test("--config /dev/null and a --stack that is not JSON say why", () => {
    expect(simulate(["--config", "/dev/null", "-"]).stderr).toContain("/dev/null:1:1: is not a regular file");
    expect(simulate(["--stack", file("s.json", "{"), "-"]).stderr).toMatch(/^error: .*s\.json: is not JSON/);
  });
});
