import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../../lib/synth/app";
import { simulateCommand } from "../../lib/commands/simulate";
import { testPatternCommand } from "../../lib/commands/test-pattern";
import { loadConfig } from "../../lib/config/load-config";
import { InvalidInputError } from "../../lib/source/problems";
import { PatternSyntaxError, logEventFromMessage, matches, parsePattern } from "../../lib/pattern";
import { Random, corruptBytes, hostileEventText, hostilePattern, mutateYaml } from "../support/fuzz";
import { runEntry } from "../support/run";
import { withinCpu } from "../support/cpu-time";
import { BASELINE_CONFIG, ROOT, loadModel, synthAccountText } from "../support/synth";

/**
 * The fuzz suite: seeded, deterministic, bounded. It mutates the shipped configs and rule
 * packs (keys, types, YAML structure, aliases, encodings, sizes) and feeds hostile
 * patterns, event files and stack files to test-pattern and simulate. For every input:
 * a clean result, or a refusal whose every message is located inside the input (line and
 * column within the file); never another exception (a stack trace); each input within
 * CPU_LIMIT_MS of CPU time; the whole run within MEMORY_LIMIT_MB of peak RSS. A refused synth leaves
 * the previous cdktf.out byte for byte as it was.
 *   CIS_FUZZ_SEED=<n> varies the seed; CIS_FUZZ_SCALE=<k> runs k times as many inputs.
 */
const SEED = Number(process.env.CIS_FUZZ_SEED ?? 20261123);
const SCALE = Number(process.env.CIS_FUZZ_SCALE ?? 1);
const CPU_LIMIT_MS = 3000;
const MEMORY_LIMIT_MB = 1536;
const COUNTS = { configs: 150 * SCALE, packs: 80 * SCALE, patterns: 1200 * SCALE, events: 150 * SCALE, stacks: 40 * SCALE, synths: 4 * SCALE, cli: 3 };

jest.setTimeout(600_000 * SCALE);

const work = mkdtempSync(join(tmpdir(), "cis-fuzz-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const counts: Record<string, Record<string, number>> = {};
const tally = (kind: string, outcome: string) => {
  counts[kind] ??= {};
  counts[kind][outcome] = (counts[kind][outcome] ?? 0) + 1;
};
afterAll(() =>
  process.stdout.write(`fuzz (seed ${SEED}, scale ${SCALE}): ${JSON.stringify(counts)}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`),
);

/** Every located message must point inside the file it names. */
function expectLocated(error: InvalidInputError, files: Record<string, string>, label: string): void {
  for (const problem of error.problems) {
    const { file, line, column } = problem.location;
    const text = files[file] ?? (file.startsWith("/") || file.startsWith("rules") ? safeRead(file) : undefined);
    expect({ label, message: problem.message, known: text !== undefined }).toEqual({ label, message: expect.any(String), known: true });
    const lines = text!.split("\n");
    expect({ label, problem: `${file}:${line}:${column}`, lineInside: line >= 1 && line <= Math.max(lines.length, 1) }).toEqual({
      label,
      problem: `${file}:${line}:${column}`,
      lineInside: true,
    });
    const length = (lines[line - 1] ?? "").replace(/\r$/, "").length;
    expect({ label, problem: `${file}:${line}:${column}`, columnInside: column >= 1 && column <= Math.max(length, 1) }).toEqual({
      label,
      problem: `${file}:${line}:${column}`,
      columnInside: true,
    });
    expect(problem.message).not.toMatch(/\bundefined\b|\[object Object\]/);
  }
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, "latin1");
  } catch {
    return "";
  }
}

/** Bounded by CPU time, the work done, not by the clock: another busy process does not fail the suite. */
function timed<T>(label: string, body: () => T): T {
  return withinCpu(CPU_LIMIT_MS, body, label);
}

const SHIPPED_CONFIGS = [
  BASELINE_CONFIG,
  ...readdirSync(join(ROOT, "rules", "examples"))
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => `rules/examples/${name}`),
];

describe(`fuzz (seed ${SEED})`, () => {
  test(`configs: ${COUNTS.configs} mutations of the shipped configs`, () => {
    const random = new Random(SEED);
    let synths = 0;
    for (let i = 0; i < COUNTS.configs; i++) {
      const original = readFileSync(join(ROOT, random.pick(SHIPPED_CONFIGS)), "utf8");
      let text = original;
      for (let round = 1 + random.int(3); round > 0; round--) text = mutateYaml(text, random);
      const dir = mkdtempSync(join(work, "config-"));
      const file = join(dir, "config.yaml");
      const bytes = random.chance(0.05) ? corruptBytes(text, random) : Buffer.from(text);
      writeFileSync(file, bytes);
      const label = `config case ${i} (seed ${SEED})`;
      try {
        const { model } = timed(label, () => loadConfig(file));
        tally("configs", "accepted");
        if (synths < COUNTS.synths && random.chance(0.3)) {
          synths++;
          timed(`${label} synth`, () => buildApp(model, { outdir: join(dir, "out") }).synth());
        }
      } catch (error) {
        if (!(error instanceof InvalidInputError))
          throw new Error(`${label}: ${(error as Error).stack}\n--- input ---\n${text.slice(0, 2000)}`, { cause: error });
        tally("configs", "refused");
        expectLocated(error, { [file]: bytes.toString("latin1") }, label);
      }
    }
  });

  test(`rule packs: ${COUNTS.packs} mutations of a shipped pack`, () => {
    const random = new Random(SEED + 1);
    const pack = readFileSync(join(ROOT, "rules", "packs", "seeds.yaml"), "utf8")
      .replace("pack: seeds", "pack: fuzz")
      .replace(/id: seed-/g, "id: fuzz-")
      .replace(/\.\.\/evidence/g, join(ROOT, "rules", "evidence"));
    for (let i = 0; i < COUNTS.packs; i++) {
      let text = pack;
      for (let round = 1 + random.int(3); round > 0; round--) text = mutateYaml(text, random);
      const dir = mkdtempSync(join(work, "pack-"));
      writeFileSync(join(dir, "fuzz.yaml"), text);
      const config = readFileSync(join(ROOT, BASELINE_CONFIG), "utf8")
        .replace("enable: [pack:cis]", "enable: [pack:cis, pack:fuzz]")
        .replace("lookup: true", "lookup: false");
      writeFileSync(join(dir, "config.yaml"), `rule_packs: [fuzz.yaml]\n${config}`);
      const label = `pack case ${i} (seed ${SEED + 1})`;
      try {
        timed(label, () => loadConfig(join(dir, "config.yaml")));
        tally("packs", "accepted");
      } catch (error) {
        if (!(error instanceof InvalidInputError))
          throw new Error(`${label}: ${(error as Error).stack}\n--- input ---\n${text.slice(0, 2000)}`, { cause: error });
        tally("packs", "refused");
        expectLocated(error, { [join(dir, "fuzz.yaml")]: text, [join(dir, "config.yaml")]: readFileSync(join(dir, "config.yaml"), "utf8") }, label);
      }
    }
  });

  test(`patterns: ${COUNTS.patterns} hostile and mutated filter patterns, parsed and evaluated`, () => {
    const random = new Random(SEED + 2);
    const real = readdirSync(join(ROOT, "rules", "packs")).flatMap((name) =>
      [...readFileSync(join(ROOT, "rules", "packs", name), "utf8").matchAll(/pattern: '(.*)'$/gm)].map((match) => match[1]),
    );
    const events = [
      logEventFromMessage('{"a": 1, "eventName": "ConsoleLogin", "errorCode": "AccessDenied"}'),
      logEventFromMessage("a".repeat(5000)),
      logEventFromMessage(Array(3000).fill("x").join(" ")),
    ];
    for (let i = 0; i < COUNTS.patterns; i++) {
      const pattern = hostilePattern(random, real);
      const label = `pattern case ${i} (seed ${SEED + 2}): ${JSON.stringify(pattern.slice(0, 200))}`;
      timed(label, () => {
        try {
          const parsed = parsePattern(pattern);
          for (const event of events) matches(parsed, event);
          tally("patterns", "parsed");
        } catch (error) {
          if (!(error instanceof PatternSyntaxError)) throw new Error(`${label}: ${(error as Error).stack}`, { cause: error });
          tally("patterns", "refused");
          expect({ label, column: error.column >= 1 && error.column <= pattern.length + 1 }).toEqual({ label, column: true });
        }
      });
    }
  });

  const capture = (command: typeof testPatternCommand, args: string[]) => {
    let stdout = "";
    let stderr = "";
    const status = command(args, { write: (text) => (stdout += text), error: (text) => (stderr += text) }, () => "");
    return { status, stdout, stderr };
  };
  const realRecords = readdirSync(join(ROOT, "rules", "evidence", "cloudtrail"))
    .filter((name) => name.endsWith(".json") && name !== "SOURCES.json")
    .map((name) => JSON.stringify(JSON.parse(readFileSync(join(ROOT, "rules", "evidence", "cloudtrail", name), "utf8"))));

  test(`event files: ${COUNTS.events} hostile files through test-pattern and simulate`, () => {
    const random = new Random(SEED + 3);
    const model = loadModel("rules/examples/seed-000-002.yaml");
    const stack = join(work, "stack.json");
    writeFileSync(stack, synthAccountText(model.accounts[0], model));
    for (let i = 0; i < COUNTS.events; i++) {
      const text = hostileEventText(random, realRecords);
      const file = join(mkdtempSync(join(work, "events-")), random.pick(["e.json", "e.jsonl"]));
      writeFileSync(file, random.chance(0.05) ? corruptBytes(text, random) : Buffer.from(text));
      const label = `events case ${i} (seed ${SEED + 3})`;
      const tested = timed(label, () => capture(testPatternCommand, ["--pattern", '{ $.eventName = "ConsoleLogin" }', "--json", file]));
      expect({ label, status: [0, 1].includes(tested.status), stderr: tested.stderr }).toEqual({ label, status: true, stderr: "" });
      for (const line of tested.stdout.trim().split("\n").filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
      const simulated = timed(label, () => capture(simulateCommand, ["--stack", stack, "--json", file]));
      expect({ label, status: [0, 1].includes(simulated.status), stderr: simulated.stderr }).toEqual({ label, status: true, stderr: "" });
      tally("events", tested.status === 0 ? "clean" : "reported");
    }
  });

  test(`stack files: ${COUNTS.stacks} damaged stacks through simulate`, () => {
    const random = new Random(SEED + 4);
    const model = loadModel("rules/examples/seed-004.yaml");
    const original = synthAccountText(model.accounts[0], model);
    const events = join(work, "stack-events.jsonl");
    writeFileSync(
      events,
      realRecords
        .slice(0, 20)
        .map((record) => record.replace(/"eventTime":"[^"]*"/, '"eventTime":"2024-01-01T00:00:00Z"'))
        .join("\n"),
    );
    for (let i = 0; i < COUNTS.stacks; i++) {
      const damaged = random.chance(0.5) ? mutateJsonValues(original, random) : hostileEventText(random, [original]);
      const file = join(mkdtempSync(join(work, "stack-")), "stack.json");
      writeFileSync(file, damaged);
      const label = `stack case ${i} (seed ${SEED + 4})`;
      const result = timed(label, () => capture(simulateCommand, ["--stack", file, events]));
      expect({ label, status: [0, 1, 2].includes(result.status) }).toEqual({ label, status: true });
      if (result.status === 2) expect(result.stderr).toMatch(/^error: /);
      tally("stacks", ["clean", "problems", "refused"][result.status]);
    }
  });

  test(`synth through the CLI: ${COUNTS.cli} refused configs leave cdktf.out byte for byte, with located messages only`, () => {
    const random = new Random(SEED + 5);
    const outdir = mkdtempSync(join(work, "out-"));
    expect(runEntry("main.ts", [], { CIS_CONFIG: join(ROOT, BASELINE_CONFIG), CDKTF_OUTDIR: outdir }).status).toBe(0);
    const before = snapshot(outdir);
    let refused = 0;
    for (let attempt = 0; refused < COUNTS.cli && attempt < 50; attempt++) {
      let text = readFileSync(join(ROOT, BASELINE_CONFIG), "utf8");
      for (let round = 1 + random.int(3); round > 0; round--) text = mutateYaml(text, random);
      const file = join(mkdtempSync(join(work, "cli-")), "config.yaml");
      writeFileSync(file, text);
      try {
        loadConfig(file);
        continue; // accepted: not what this test is about
      } catch {
        refused++;
      }
      const result = runEntry("main.ts", [], { CIS_CONFIG: file, CDKTF_OUTDIR: outdir });
      expect(result.status).toBe(1);
      const [headline, ...messages] = result.stderr
        .trim()
        .split("\n")
        .filter((line) => !/^\s/.test(line));
      expect(headline).toMatch(/^error: \d+ problems? in the configuration; nothing was synthesized\.$/);
      for (const message of messages) expect(message).toMatch(/^[^:\n]+:\d+:\d+: /);
      expect(result.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
      expect(snapshot(outdir)).toEqual(before);
      tally("cli", "refused");
    }
  });

  afterAll(() => {
    expect(process.resourceUsage().maxRSS / 1024).toBeLessThan(MEMORY_LIMIT_MB);
  });
});

/** Replaces a few JSON values of a stack with wrong types and non-finite-looking strings. */
function mutateJsonValues(text: string, random: Random): string {
  let out = text;
  for (let round = 0; round < 1 + random.int(4); round++) {
    const key = random.pick([
      "period",
      "evaluation_periods",
      "threshold",
      "pattern",
      "metric_transformation",
      "statistic",
      "alarm_actions",
      "datapoints_to_alarm",
      "default_value",
      "resource",
    ]);
    const value = random.pick(["null", "0", '"NaN"', "-1", "1e308", '"x"', "[]", "{}", '"{ ("', "true", "999999999"]);
    out = out.replace(new RegExp(`"${key}": [^,\\n]*`), `"${key}": ${value}`);
  }
  return out;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const item of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, item.name);
      if (item.isDirectory()) walk(path);
      else out[path] = readFileSync(path, "utf8");
    }
  };
  walk(dir);
  return out;
}
