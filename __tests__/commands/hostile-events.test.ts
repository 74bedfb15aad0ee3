import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulateCommand } from "../../lib/commands/simulate";
import { testPatternCommand } from "../../lib/commands/test-pattern";
import { readEvents } from "../../lib/events/read-events";
import { logEventFromMessage, matches, parsePattern } from "../../lib/pattern";
import { ROOT, loadModel, synthAccountText } from "../support/synth";
import { cpuMs, withinCpu } from "../support/cpu-time";

type Run = { status: number; stdout: string; stderr: string; ms: number };
const capture =
  (command: (argv: string[], out: { write(t: string): void; error(t: string): void }, stdin?: () => string) => number) =>
  (args: string[], stdin = ""): Run => {
    let stdout = "";
    let stderr = "";
    const { result: status, ms } = cpuMs(() => command(args, { write: (text) => (stdout += text), error: (text) => (stderr += text) }, () => stdin));
    return { status, stdout, stderr, ms };
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
    expect(withinCpu(1000, () => matches(parsePattern(pattern), { message: JSON.stringify(event), json: event }))).toBe(false);
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
    expect(withinCpu(2000, () => matches(parsePattern("[first, ..., last = z]"), logEventFromMessage(`${Array(200_000).fill("x").join(" ")} z`)))).toBe(true);
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
    const big = file("big.json", "[".repeat(20 * 1024 * 1024));
    expect(withinCpu(6000, () => readEvents([big, "/dev/zero"]).map((entry) => entry.error))).toEqual([
      "nests deeper than 64 levels (at character 65); refused",
      "is not a regular file (a device, FIFO or socket); give a file",
    ]);
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
    const result = spawnSync("sh", ["-c", `node tools/launcher.js lib/commands/test-pattern.ts --pattern x --json ${events} | head -2`], {
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
      // The last moment a JavaScript date can hold: a window a period later is no date at all.
      { eventName: "CreateVpc", eventTime: "+275760-09-13T00:00:00.000Z" },
      { eventName: "CreateVpc", eventTime: "-271821-04-20T00:00:00.000Z" },
    ];
    const result = simulate(["--stack", stack, "--json", file("e.json", JSON.stringify(events))]);
    expect(result.stderr).toBe("");
    expect(result.ms).toBeLessThan(4000);
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
    expect(result.ms).toBeLessThan(4000);
  });

  test("--config /dev/null and a --stack that is not JSON say why", () => {
    expect(simulate(["--config", "/dev/null", "-"]).stderr).toContain("/dev/null:1:1: is not a regular file");
    expect(simulate(["--stack", file("s.json", "{"), "-"]).stderr).toMatch(/^error: .*s\.json:1:2: not valid JSON: expected a property name, got end of input/);
  });
});

describe("simulate grows linearly with an organization", () => {
  /** The Control Tower management stack with `accounts` per-account alarms on root activity, and one root event per account. */
  const organization = (accounts: number) => {
    const model = loadModel("rules/examples/control-tower.yaml");
    const json = JSON.parse(
      synthAccountText(
        model.accounts.find((account) => account.name === "management")!,
        model,
      ),
    );
    const alarms = json.resource.aws_cloudwatch_metric_alarm as Record<string, Record<string, unknown>>;
    const template = Object.entries(alarms).find(([name]) => name.startsWith("root_account_usage_in_"))![1];
    for (const name of Object.keys(alarms)) if (name.startsWith("root_account_usage_in_")) delete alarms[name];
    const ids = Array.from({ length: accounts }, (_, i) => String(100000000000 + i));
    for (const id of ids) alarms[`root_account_usage_in_a${id}`] = { ...template, alarm_name: `root-in-${id}`, dimensions: { RecipientAccount: id } };
    const events = ids
      .map((id, i) =>
        JSON.stringify({
          eventName: "ConsoleLogin",
          eventType: "AwsConsoleSignIn",
          userIdentity: { type: "Root" },
          recipientAccountId: id,
          eventTime: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
        }),
      )
      .join("\n");
    return { stack: file("org.json", JSON.stringify(json)), events: file("org.jsonl", events) };
  };

  test("4,000 accounts' alarms and events cost about four times what 1,000 do (CPU time, not the clock)", () => {
    const cost = (accounts: number) => {
      const { stack, events } = organization(accounts);
      const result = simulate(["--stack", stack, "--json", events]);
      expect(result.stderr).toBe("");
      const report = JSON.parse(result.stdout);
      expect(report.alarms.filter((alarm: { transitions: unknown[] }) => alarm.transitions.length > 0).length).toBeGreaterThanOrEqual(accounts);
      return result.ms;
    };
    cost(200); // warm the code paths once
    const small = cost(1000);
    const large = cost(4000);
    // Linear work is 4x; quadratic would be 16x. The margin absorbs timer noise and garbage collection.
    expect(large / small).toBeLessThan(8);
  });
});
