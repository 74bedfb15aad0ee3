import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { synthesizeToFolder } from "../../lib/synth/app";
import { checkCommand } from "../../lib/commands/check";
import { complianceCommand } from "../../lib/commands/compliance";
import { reviewCommand } from "../../lib/commands/review";
import { loadConfig } from "../../lib/config/load-config";
import { InvalidInputError } from "../../lib/source/problems";
import { OutputRefusal } from "../../lib/output/output-refusal";
import { cpuMs } from "../support/cpu-time";
import { contents } from "../support/folder-contents";
import { Random, corruptBytes, hostileEventText, mutateYaml } from "../support/fuzz";
import { MINIMAL } from "../support/temp-config";
import { BASELINE_CONFIG, ROOT, loadModel } from "../support/synth";
import { synthesizeToTexts } from "../../lib/synth/synth-stacks";

/**
 * The fuzz suite, second half: every other command and file kind a user can hand the tool.
 * Each input must end in a clean result or a refusal whose every message is located
 * (`file:line:column:`), never an exception; each within CPU_LIMIT_MS of CPU time (work, not
 * the clock: a busy machine does not fail it), the run within MEMORY_LIMIT_MB. A case that
 * breaks the rule is collected, not thrown, so the summary counts every unhandled input.
 *   CIS_FUZZ_SEED=<n> varies the seed; CIS_FUZZ_SCALE=<k> runs k times as many inputs.
 */
const SEED = Number(process.env.CIS_FUZZ_SEED ?? 20261201);
const SCALE = Number(process.env.CIS_FUZZ_SCALE ?? 1);
const CPU_LIMIT_MS = 3000;
const MEMORY_LIMIT_MB = 1536;
const COUNTS = {
  scanners: 40 * SCALE,
  evidence: 30 * SCALE,
  plans: 80 * SCALE,
  reviewFolders: 30 * SCALE,
  snapshots: 30 * SCALE,
  compliance: 20 * SCALE,
  outputFolders: 12 * SCALE,
  refs: 12,
};

jest.setTimeout(600_000 * SCALE);

const work = mkdtempSync(join(tmpdir(), "cis-fuzz2-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const counts: Record<string, Record<string, number>> = {};
const unhandled: string[] = [];
afterAll(() =>
  process.stdout.write(
    `fuzz, commands (seed ${SEED}, scale ${SCALE}): ${JSON.stringify(counts)}; unhandled ${unhandled.length}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`,
  ),
);

/**
 * Runs one case: `body` returns the outcome's name, or throws. An InvalidInputError must be
 * located inside the files; anything else thrown, an unlocated message or too much CPU is
 * an unhandled input.
 */
function fuzzCase(kind: string, label: string, files: Record<string, string>, body: () => string): void {
  let outcome: string;
  try {
    const { result, ms } = cpuMs(body);
    outcome = result;
    if (ms > CPU_LIMIT_MS) unhandled.push(`${label}: ${ms.toFixed(0)} ms of CPU (limit ${CPU_LIMIT_MS})`);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      const bad = error.problems.filter((problem) => !locatedInside(problem.location, files));
      if (bad.length) unhandled.push(`${label}: unlocated ${JSON.stringify(bad[0])}`);
      outcome = "refused";
    } else {
      unhandled.push(`${label}: ${(error as Error).stack?.split("\n").slice(0, 4).join(" | ")}`);
      outcome = "unhandled";
    }
  }
  counts[kind] ??= {};
  counts[kind][outcome] = (counts[kind][outcome] ?? 0) + 1;
}

function locatedInside(location: { file: string; line: number; column: number }, files: Record<string, string>): boolean {
  const text = files[location.file] ?? safeRead(location.file);
  if (text === undefined) return false;
  const lines = text.split("\n");
  return (
    location.line >= 1 &&
    location.line <= Math.max(lines.length, 1) &&
    location.column >= 1 &&
    location.column <= Math.max((lines[location.line - 1] ?? "").length + 1, 1)
  );
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, "latin1");
  } catch {
    return undefined;
  }
}

/**
 * A command's stderr: every line is `error: ...`, a located `file:line:column: ...` message
 * (or its indented detail), or check's verdict on a whole snapshot file (`<file>.tf.json: the config now ...`).
 */
function locatedLines(stderr: string): boolean {
  return stderr
    .split("\n")
    .filter((line) => line && !/^\s/.test(line))
    .every((line) => /^(error: |usage: )|^[^:\s][^:]*:\d+:\d+: |^[^:\s]+\.tf\.json: the config now synthesizes /.test(line));
}

const capture = (command: (argv: string[], out: { write(t: string): void; error(t: string): void }) => number, args: string[]) => {
  let stdout = "";
  let stderr = "";
  const status = command(args, { write: (text) => (stdout += text), error: (text) => (stderr += text) });
  return { status, stdout, stderr };
};

/** Replaces a few JSON values with wrong types, or breaks the text. */
function mutateJson(text: string, random: Random): string {
  if (random.chance(0.25)) return hostileEventText(random, [text]);
  let out = text;
  for (let round = 0; round < 1 + random.int(4); round++) {
    const keys = [...out.matchAll(/"([a-z_]+)":/g)].map((match) => match[1]);
    if (keys.length === 0) break;
    const key = random.pick(keys);
    const value = random.pick(["null", "0", '"x"', "[]", "{}", "[1]", '[["x"]]', "true", "-1", '{"a": null}', '"${x}"']);
    out = out.replace(new RegExp(`"${key}": ?(\\{[^{}]*\\}|\\[[^\\[\\]]*\\]|"[^"]*"|[^,}\\]\\n]*)`), `"${key}": ${value}`);
  }
  return random.chance(0.05) ? corruptBytes(out, random).toString("latin1") : out;
}

const SMALL = `${MINIMAL.replace("  log_group:", "  rules: { enable: [root-account-usage, vpc-changes] }\n  regions: [us-east-1]\n  log_group:")}`;

describe(`fuzz, commands and file kinds (seed ${SEED})`, () => {
  test(`scanner data: ${COUNTS.scanners} mutations of rules/scanners/*.yaml`, () => {
    const random = new Random(SEED);
    const names = readdirSync(join(ROOT, "rules", "scanners")).filter((name) => name.endsWith(".yaml"));
    for (let i = 0; i < COUNTS.scanners; i++) {
      const root = mkdtempSync(join(work, "root-"));
      cpSync(join(ROOT, "rules"), join(root, "rules"), { recursive: true });
      const name = random.pick(names);
      const file = join(root, "rules", "scanners", name);
      let text = readFileSync(file, "utf8");
      for (let round = 1 + random.int(3); round > 0; round--) text = mutateYaml(text, random);
      if (random.chance(0.2)) text = text.replace(/regex: '[^']*'/, `regex: '${random.pick(["(a+)+b", "[", "(?<x>", "\\\\", "(a|a)*$", ".*"])}'`);
      writeFileSync(file, text);
      fuzzCase("scanners", `scanner case ${i} (${name}, seed ${SEED})`, { [`rules/scanners/${name}`]: text, [file]: text }, () => {
        loadConfig(join(ROOT, BASELINE_CONFIG), root);
        return "accepted";
      });
      rmSync(root, { recursive: true, force: true });
    }
    expect(unhandled.filter((entry) => entry.startsWith("scanner case"))).toEqual([]);
  });

  test(`evidence: ${COUNTS.evidence} hostile records a pack lists, through check`, () => {
    const random = new Random(SEED + 1);
    const records = readdirSync(join(ROOT, "rules", "evidence", "cloudtrail"))
      .filter((name) => name.endsWith(".json") && name !== "SOURCES.json")
      .slice(0, 10)
      .map((name) => readFileSync(join(ROOT, "rules", "evidence", "cloudtrail", name), "utf8"));
    for (let i = 0; i < COUNTS.evidence; i++) {
      const dir = mkdtempSync(join(work, "evidence-"));
      mkdirSync(join(dir, "evidence"));
      const record = hostileEventText(random, records);
      writeFileSync(join(dir, "evidence", "rec.json"), random.chance(0.1) ? corruptBytes(record, random) : record);
      writeFileSync(
        join(dir, "pack.yaml"),
        "pack: fz\nevidence: [evidence]\nrules:\n  - { id: fz-rule, title: t, severity: low, description: d, metric_name: Fz, pattern: '{ $.eventName = \"ConsoleLogin\" }', examples: { match: [rec] } }\n",
      );
      writeFileSync(join(dir, "c.yaml"), `rule_packs: [pack.yaml]\n${SMALL.replace("root-account-usage, vpc-changes", "fz-rule")}`);
      fuzzCase("evidence", `evidence case ${i} (seed ${SEED + 1})`, {}, () => {
        const result = capture(checkCommand, ["--config", join(dir, "c.yaml"), "--snapshots", join(dir, "snap")]);
        if (![0, 1].includes(result.status) || !locatedLines(result.stderr)) throw new Error(`status ${result.status}, stderr ${result.stderr.slice(0, 300)}`);
        return result.stderr.includes("rec.json:") ? "refused" : "read";
      });
    }
    expect(unhandled.filter((entry) => entry.startsWith("evidence case"))).toEqual([]);
  });

  const stacks = synthesizeToTexts(loadModel("rules/examples/seed-000-002.yaml"));
  const [stackName, stackText] = [...stacks][0];
  const planOf = (stack: string) => {
    const json = JSON.parse(stack) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
    const changes = Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
      Object.entries(byName).map(([name, body]) => ({
        address: `${type}.${name}`,
        mode: "managed",
        type,
        name,
        change: { actions: ["update"], before: { ...body, period: 60 }, after: body, after_unknown: {} },
      })),
    );
    return JSON.stringify({ format_version: "1.2", terraform_version: "1.11.4", planned_values: { root_module: {} }, resource_changes: changes }, null, 1);
  };

  test(`plans: ${COUNTS.plans} damaged terraform show -json files through review --plan`, () => {
    const random = new Random(SEED + 2);
    const plan = planOf(stackText);
    const synth = join(work, "plan-synth");
    mkdirSync(join(synth, "stacks", stackName), { recursive: true });
    writeFileSync(join(synth, "stacks", stackName, "cdk.tf.json"), stackText);
    for (let i = 0; i < COUNTS.plans; i++) {
      const file = join(mkdtempSync(join(work, "plan-")), "plan.json");
      writeFileSync(file, mutateJson(plan, random), "latin1");
      fuzzCase("plans", `plan case ${i} (seed ${SEED + 2})`, {}, () => {
        const result = capture(reviewCommand, ["--plan", file, "--stack", stackName, ...(random.chance(0.5) ? ["--synth", synth] : [])]);
        if (result.status === 0) return "reviewed";
        if (result.status !== 2 || !/^error: .*plan\.json:\d+:\d+: /.test(result.stderr))
          throw new Error(`status ${result.status}, stderr ${result.stderr.slice(0, 300)}`);
        return "refused";
      });
    }
    expect(unhandled.filter((entry) => entry.startsWith("plan case"))).toEqual([]);
  });

  test(`synth output folders: ${COUNTS.reviewFolders} damaged stack files through review <old> <new>`, () => {
    const random = new Random(SEED + 3);
    const base = join(work, "review-base");
    for (const [name, text] of stacks) {
      mkdirSync(join(base, "stacks", name), { recursive: true });
      writeFileSync(join(base, "stacks", name, "cdk.tf.json"), text);
    }
    for (let i = 0; i < COUNTS.reviewFolders; i++) {
      const head = mkdtempSync(join(work, "review-head-"));
      cpSync(base, head, { recursive: true });
      const [name, text] = random.pick([...stacks]);
      writeFileSync(join(head, "stacks", name, "cdk.tf.json"), mutateJson(text, random), "latin1");
      fuzzCase("reviewFolders", `review folder case ${i} (seed ${SEED + 3})`, {}, () => {
        const result = capture(reviewCommand, random.chance(0.5) ? [base, head] : [head, base]);
        if (result.status === 0) return "reviewed";
        if (result.status !== 2 || !/^error: .*cdk\.tf\.json:\d+:\d+: /.test(result.stderr))
          throw new Error(`status ${result.status}, stderr ${result.stderr.slice(0, 300)}`);
        return "refused";
      });
    }
    expect(unhandled.filter((entry) => entry.startsWith("review folder case"))).toEqual([]);
  });

  test(`snapshots: ${COUNTS.snapshots} damaged or odd snapshot files through check`, () => {
    const random = new Random(SEED + 4);
    const dir = mkdtempSync(join(work, "snapshot-"));
    const config = join(dir, "c.yaml");
    writeFileSync(config, SMALL);
    expect(capture(checkCommand, ["--config", config, "--update"]).status).toBe(0);
    const folder = join(dir, "c.snapshot");
    const originals = new Map(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name), "utf8")]));
    for (let i = 0; i < COUNTS.snapshots; i++) {
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder);
      for (const [name, text] of originals) writeFileSync(join(folder, name), text);
      const name = random.pick([...originals.keys()]);
      const target = join(folder, name);
      const kind = random.int(6);
      if (kind === 0) {
        rmSync(target);
        mkdirSync(target);
      } else if (kind === 1) {
        rmSync(target);
        symlinkSync(target, target);
      } else if (kind === 2) {
        rmSync(target);
        spawnSync("mkfifo", [target]);
      } else writeFileSync(target, mutateJson(originals.get(name)!, random), "latin1");
      const update = random.chance(0.3);
      fuzzCase("snapshots", `snapshot case ${i} (seed ${SEED + 4})`, {}, () => {
        const result = capture(checkCommand, ["--config", config, ...(update ? ["--update"] : [])]);
        if (![0, 1].includes(result.status) || !locatedLines(result.stderr)) throw new Error(`status ${result.status}, stderr ${result.stderr.slice(0, 300)}`);
        return result.status === 0 ? "clean" : "reported";
      });
    }
    expect(unhandled.filter((entry) => entry.startsWith("snapshot case"))).toEqual([]);
  });

  test(`compliance: ${COUNTS.compliance} mutated configs through the compliance command`, () => {
    const random = new Random(SEED + 5);
    const sources = [BASELINE_CONFIG, "rules/examples/control-tower.yaml", "rules/examples/every-scanner.yaml"];
    for (let i = 0; i < COUNTS.compliance; i++) {
      let text = readFileSync(join(ROOT, random.pick(sources)), "utf8");
      for (let round = 1 + random.int(2); round > 0; round--) text = mutateYaml(text, random);
      const file = join(mkdtempSync(join(work, "compliance-")), "config.yaml");
      writeFileSync(file, text);
      fuzzCase("compliance", `compliance case ${i} (seed ${SEED + 5})`, { [file]: text }, () => {
        const result = capture(complianceCommand, random.chance(0.5) ? [file] : ["--config", file, "--json"]);
        if (![0, 1, 2].includes(result.status) || !locatedLines(result.stderr))
          throw new Error(`status ${result.status}, stderr ${result.stderr.slice(0, 300)}`);
        return result.status === 2 ? "refused" : "reported";
      });
    }
    expect(unhandled.filter((entry) => entry.startsWith("compliance case"))).toEqual([]);
  });

  test(`output folders: ${COUNTS.outputFolders} synths into folders holding files of every kind; what synth did not write survives`, async () => {
    const random = new Random(SEED + 6);
    const model = loadModel("rules/examples/seed-000-002.yaml");
    for (let i = 0; i < COUNTS.outputFolders; i++) {
      const outdir = join(mkdtempSync(join(work, "out-")), "cdktf.out");
      await synthesizeToFolder(model, { outdir });
      const stackFolders = readdirSync(join(outdir, "stacks"));
      const place = random.pick(["", "stacks", `stacks/${random.pick(stackFolders)}`, `stacks/${random.pick(stackFolders)}/.terraform`, "stacks/other"]);
      const path = join(outdir, place, random.pick(["notes.txt", "main.tf.json", ".hidden", "plan", "x_override.tf.json"]));
      mkdirSync(dirname(path), { recursive: true });
      const kind = random.int(4);
      if (kind === 0) symlinkSync("/etc/hostname", path);
      else if (kind === 1) spawnSync("mkfifo", [path]);
      else if (kind === 2) mkdirSync(path, { recursive: true });
      else writeFileSync(path, "the user's");
      const before = JSON.stringify(entryState(path));
      const label = `output folder case ${i} (seed ${SEED + 6}): ${place}`;
      let outcome = "written";
      try {
        await synthesizeToFolder(model, { outdir });
      } catch (error) {
        if (!(error instanceof OutputRefusal)) unhandled.push(`${label}: ${(error as Error).stack?.split("\n").slice(0, 3).join(" | ")}`);
        outcome = "refused";
      }
      if (JSON.stringify(entryState(path)) !== before) unhandled.push(`${label}: the user's ${path} was changed or lost`);
      counts.outputFolders ??= {};
      counts.outputFolders[outcome] = (counts.outputFolders[outcome] ?? 0) + 1;
    }
    expect(unhandled.filter((entry) => entry.startsWith("output folder case"))).toEqual([]);
  });

  test(`review --base: ${COUNTS.refs} hostile refs are refused before git runs with them`, () => {
    const random = new Random(SEED + 7);
    const refs = [
      "-h",
      "--output=/tmp/x",
      "HEAD --output=x",
      "",
      " ",
      "\n",
      "$(touch /tmp/cis-pwned)",
      "HEAD~100000",
      "no-such-ref",
      "..",
      "HEAD:lib",
      "-o/tmp/x",
    ];
    for (let i = 0; i < COUNTS.refs; i++) {
      const ref = refs[i % refs.length] + (random.chance(0.2) ? random.pick(["", "\u0000", "ü"]) : "");
      fuzzCase("refs", `ref case ${i}: ${JSON.stringify(ref)}`, {}, () => {
        const base = random.chance(0.5) ? [`--base=${ref}`] : ["--base", ref];
        const result = capture(reviewCommand, [...base, "--config", BASELINE_CONFIG]);
        // Refused as a ref, or (a ref that looks like an option, given apart) as a usage error: git never sees it.
        if (result.status !== 2 || !/^error: (--base .* (is not a git ref|names no commit)|Option '--base' argument)/.test(result.stderr)) {
          throw new Error(`status ${result.status}, ${result.stderr.slice(0, 200)}`);
        }
        return "refused";
      });
    }
    expect(existsSync("/tmp/cis-pwned")).toBe(false);
    expect(unhandled.filter((entry) => entry.startsWith("ref case"))).toEqual([]);
  });

  afterAll(() => {
    expect(process.resourceUsage().maxRSS / 1024).toBeLessThan(MEMORY_LIMIT_MB);
  });
});

/** What a file system entry is and holds, without following it or opening a FIFO. */
function entryState(path: string): unknown {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return null;
  }
  if (stats.isSymbolicLink()) return { link: readlinkSync(path) };
  if (stats.isDirectory()) return { folder: contents(path) };
  if (stats.isFile()) return { file: readFileSync(path, "utf8") };
  return { mode: stats.mode };
}
