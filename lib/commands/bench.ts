import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { synthesizeStacks } from "../synth-stacks";
import { PlanCost, floorStack, measurePlan, planEnvironment, singleStackLayout, withoutAliases } from "../bench/plan-cost";
import { loadConfig } from "../config/load-config";
import { offlinePlannable } from "../bench/offline-model";
import { DEFAULT_CONFIG, projectRoot } from "../paths";
import { Output, parseCommandLine, processOutput } from "./command-line";

const USAGE = `usage: npm run bench -- [--runs 5] [--scale 1,10,100,500] [--scale-runs 3] [--plan-runs 3] [--no-plans] [--write]

Measures, median of alternating runs, wall time and peak memory (largest process, from
/usr/bin/time) of:
  (a) this app synthesizing the default baseline: the app process alone, and cdktf synth end to end
  (b) the cdktf template's way on an equivalent stack: ts-node with the root @cdktf/provider-aws import
  (c) the floor: node loading cdktf and constructs
then the app for 1, 10, 100 and 500 accounts (17 regions each); then what users pay most
often, an offline \`terraform plan\` of each stack (no state, so nothing is read from AWS):
wall time, peak memory as the sum of PSS over terraform and its provider processes, and how
many processes ran at once; for the default baseline (its account id set and the log group
lookup off, which an offline plan needs), the same account as version 0.1's single stack,
one aws provider with nothing to do (the floor), and every stack of the multi-account
example. --write puts the Markdown tables into README.md between the bench markers.`;

interface Measurement {
  readonly seconds: number;
  readonly megabytes: number;
}

interface Variant {
  readonly key: string;
  readonly label: string;
  readonly command: string[];
  readonly env?: Record<string, string>;
}

function measure(variant: Variant): Measurement {
  const outdir = mkdtempSync(join(tmpdir(), "cis-bench-"));
  const started = process.hrtime.bigint();
  const command = variant.command.map((part) => part.replace("{outdir}", outdir));
  const result = spawnSync("/usr/bin/time", ["-f", "%M", ...command], {
    cwd: projectRoot(),
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outdir, ...variant.env },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(outdir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`${variant.label} failed:\n${result.stderr}`);
  const kilobytes = Number(result.stderr.trim().split("\n").pop());
  return { seconds, megabytes: kilobytes / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs every variant once per round, rotating the order so no variant always runs first. */
function alternate(variants: Variant[], runs: number, log: (text: string) => void): Map<string, Measurement> {
  const samples = new Map<string, Measurement[]>(variants.map((variant) => [variant.key, []]));
  for (let round = 0; round < runs; round++) {
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(round + i) % variants.length];
      const sample = measure(variant);
      samples.get(variant.key)!.push(sample);
      log(`  round ${round + 1}: ${variant.label} ${sample.seconds.toFixed(2)} s, ${sample.megabytes.toFixed(0)} MB\n`);
    }
  }
  return new Map([...samples].map(([key, list]) => [key, { seconds: median(list.map((s) => s.seconds)), megabytes: median(list.map((s) => s.megabytes)) }]));
}

function scaleConfig(accounts: number): string {
  const dir = mkdtempSync(join(tmpdir(), "cis-bench-config-"));
  const lines = [
    "defaults:",
    "  log_group: { lookup: false }",
    "  topics:",
    "    alerts:",
    "      severities: [critical, high, medium, low, informational]",
    "      kms: create",
    "      subscriptions: [{ protocol: email, endpoint: security-team@example.com }]",
    "accounts:",
    ...Array.from({ length: accounts }, (_, i) => `  - { name: account-${String(i).padStart(3, "0")}, id: "${100000000000 + i}", region: us-east-1 }`),
  ];
  writeFileSync(join(dir, "config.yaml"), `${lines.join("\n")}\n`);
  return join(dir, "config.yaml");
}

function machine(): string {
  const cpu = cpus();
  return `${cpu.length} x ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
}

export async function benchCommand(argv: string[], out: Output): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      runs: { type: "string", default: "5" },
      scale: { type: "string", default: "1,10,100,500" },
      "scale-runs": { type: "string", default: "3" },
      "plan-runs": { type: "string", default: "3" },
      "no-plans": { type: "boolean" },
      write: { type: "boolean" },
    },
    USAGE,
    out,
  );
  if (typeof parsed === "number") return parsed;
  const values = parsed.options as { runs: string; scale: string; "scale-runs": string; "plan-runs": string; "no-plans"?: boolean; write?: boolean };
  if (!existsSync("/usr/bin/time")) {
    out.error("error: /usr/bin/time (GNU time) is needed to read peak memory; install the Debian package time\n");
    return 2;
  }
  const root = projectRoot();
  const node = process.execPath;
  const bin = (name: string) => join(root, "node_modules", ".bin", name);
  const variants: Variant[] = [
    { key: "app", label: "(a) app process", command: [node, "lib/launcher.js", "main.ts"] },
    { key: "cli", label: "(a) cdktf synth", command: [bin("cdktf"), "synth", "--output", "{outdir}"], env: { CI: "1" } },
    { key: "template", label: "(b) template way", command: [bin("ts-node"), "lib/bench/template-app.ts"] },
    { key: "floor", label: "(c) floor", command: [node, "-e", "require('cdktf'); require('constructs')"] },
  ];
  measure(variants[0]); // warm the bundle cache: the app's first run after a source change also bundles
  out.write(`comparing, ${values.runs} alternating rounds:\n`);
  const results = alternate(variants, Number(values.runs), (text) => out.write(text));

  const scaling: { accounts: number; result: Measurement }[] = [];
  for (const accounts of values.scale.split(",").map(Number)) {
    const config = scaleConfig(accounts);
    const runs = Array.from({ length: Number(values["scale-runs"]) }, () =>
      measure({ key: "scale", label: `${accounts} accounts`, command: [node, "lib/launcher.js", "main.ts"], env: { CIS_CONFIG: config } }),
    );
    const result = { seconds: median(runs.map((r) => r.seconds)), megabytes: median(runs.map((r) => r.megabytes)) };
    scaling.push({ accounts, result });
    out.write(`  ${accounts} accounts: ${result.seconds.toFixed(2)} s, ${result.megabytes.toFixed(0)} MB\n`);
  }

  const plans = values["no-plans"] ? [] : await planCosts(Number(values["plan-runs"]), (text) => out.write(text));
  const table = renderTable(results, scaling, Number(values.runs)) + renderPlanTable(plans, Number(values["plan-runs"]));
  out.write(`\n${table}`);
  if (values.write) {
    const readme = join(root, "README.md");
    const text = readFileSync(readme, "utf8");
    const start = "<!-- bench:start -->";
    const end = "<!-- bench:end -->";
    if (!text.includes(start) || !text.includes(end)) throw new Error("README.md has no bench markers");
    writeFileSync(readme, `${text.slice(0, text.indexOf(start) + start.length)}\n${table}${text.slice(text.indexOf(end))}`);
    out.write("wrote the table into README.md\n");
  }
  return 0;
}

function renderTable(results: Map<string, Measurement>, scaling: { accounts: number; result: Measurement }[], runs: number): string {
  const get = (key: string) => results.get(key)!;
  const row = (label: string, m: Measurement, extra = "") => `| ${label} | ${m.seconds.toFixed(2)} | ${m.megabytes.toFixed(0)} | ${extra} |`;
  const app = get("app");
  const lines = [
    `Measured on ${new Date().toISOString().slice(0, 10)}: ${machine()}; median of ${runs} alternating runs; memory is the peak RSS of the largest process.`,
    "",
    "| default baseline (1 account, 15 rules, 17 regions) | seconds | peak MB | |",
    "|---|---|---|---|",
    row(
      "(a) app process: `npm run synth`",
      app,
      `a/b = 1/${(get("template").seconds / app.seconds).toFixed(0)}, a/c = ${(app.seconds / get("floor").seconds).toFixed(2)}`,
    ),
    row("(a) `cdktf synth` end to end", get("cli"), `CLI itself: ${(get("cli").seconds - app.seconds).toFixed(2)} s`),
    row("(b) cdktf template way: ts-node + root provider import", get("template")),
    row("(c) floor: node + cdktf + constructs", get("floor")),
    "",
    "| accounts (17 regions each) | seconds | peak MB | per added account |",
    "|---|---|---|---|",
    ...scaling.map(({ accounts, result }, index) => {
      const previous = scaling[index - 1];
      const perAccount = previous ? `${(((result.seconds - previous.result.seconds) / (accounts - previous.accounts)) * 1000).toFixed(1)} ms` : "";
      return `| ${accounts} | ${result.seconds.toFixed(2)} | ${result.megabytes.toFixed(0)} | ${perAccount} |`;
    }),
    "",
  ];
  return lines.join("\n");
}

interface PlanRow {
  readonly label: string;
  readonly cost: PlanCost;
  /** The same stack without its provider aliases, for stacks where everyday changes are planned. */
  readonly floor?: PlanCost;
}

interface PlannedStack {
  readonly label: string;
  readonly json: string;
  readonly everyday?: boolean;
}

async function planCosts(runs: number, log: (text: string) => void): Promise<PlanRow[]> {
  const root = projectRoot();
  const baseline = offlinePlannable(loadConfig(join(root, DEFAULT_CONFIG)).model);
  const account = baseline.accounts[0];
  const baselineStacks = synthesizeStacks(baseline);
  const home = baselineStacks.get(account.stacks.home)!;
  const regional = baselineStacks.get(account.stacks.regional[0].name)!;
  const allRegional = account.stacks.regional.map((stack) => baselineStacks.get(stack.name)!);
  const multi = synthesizeStacks(loadConfig(join(root, "rules", "examples", "multi-account.yaml")).model);
  const stacks: PlannedStack[] = [
    {
      label: `default: 0.1's single stack \`${account.name}\` (${account.rules.length} rules, ${account.regions.length} analyzers)`,
      json: singleStackLayout(home, allRegional),
    },
    { label: `default: account stack \`${account.stacks.home}\` (everyday changes)`, json: home, everyday: true },
    { label: `default: regional stack \`${account.stacks.regional[0].name}\``, json: regional },
    { label: "one aws provider, nothing to plan", json: floorStack(account.region) },
    ...[...multi].map(([name, json]) => ({ label: `multi-account: \`${name}\``, json, everyday: !name.endsWith("-regions") })),
  ];
  const environment = planEnvironment();
  const measureMedian = async (label: string, json: string): Promise<PlanCost> => {
    const samples: PlanCost[] = [];
    for (let run = 0; run < runs; run++) samples.push(await measurePlan(json, environment));
    const cost = {
      seconds: median(samples.map((sample) => sample.seconds)),
      pssMegabytes: median(samples.map((sample) => sample.pssMegabytes)),
      processes: Math.max(...samples.map((sample) => sample.processes)),
    };
    log(`  plan ${label}: ${cost.seconds.toFixed(2)} s, ${cost.pssMegabytes.toFixed(0)} MB PSS, ${cost.processes} processes\n`);
    return cost;
  };
  const rows: PlanRow[] = [];
  try {
    for (const stack of stacks) {
      // The stack and its floor one after the other, so that both see the same machine load.
      const cost = await measureMedian(stack.label, stack.json);
      const floor = stack.everyday ? await measureMedian(`${stack.label} without aliases`, withoutAliases(stack.json)) : undefined;
      rows.push({ label: stack.label, cost, floor });
    }
  } finally {
    environment.cleanup();
  }
  return rows;
}

function renderPlanTable(rows: readonly PlanRow[], runs: number): string {
  if (rows.length === 0) return "";
  const single = rows[0].cost;
  const everyday = rows[1];
  const ratio = (cost: PlanCost, floor: PlanCost) =>
    `${(cost.seconds / floor.seconds).toFixed(2)}× time, ${(cost.pssMegabytes / floor.pssMegabytes).toFixed(2)}× memory`;
  return [
    "",
    `Offline \`terraform plan\` per stack (no state), median of ${runs} runs; memory is the peak of the PSS summed over terraform and its provider processes. ` +
      "The floor of a stack where everyday changes are planned is the same stack with its provider aliases removed (one provider process), measured right after it.",
    "",
    "| stack | seconds | peak PSS MB | processes | floor: seconds, PSS MB | vs floor |",
    "|---|---|---|---|---|---|",
    ...rows.map((row) => {
      const floor = row.floor ? `${row.floor.seconds.toFixed(2)}, ${row.floor.pssMegabytes.toFixed(0)}` : "";
      return `| ${row.label} | ${row.cost.seconds.toFixed(2)} | ${row.cost.pssMegabytes.toFixed(0)} | ${row.cost.processes} | ${floor} | ${row.floor ? ratio(row.cost, row.floor) : ""} |`;
    }),
    "",
    `The account stack is 0.1's single stack without the analyzers and their providers, so a change to rules, alarms, topics or the password policy plans in ${((everyday.cost.seconds / single.seconds) * 100).toFixed(0)}% of the time and ${((everyday.cost.pssMegabytes / single.pssMegabytes) * 100).toFixed(0)}% of the memory it took.`,
    "",
  ].join("\n");
}

if (require.main === module) {
  benchCommand(process.argv.slice(2), processOutput).then(
    (status) => (process.exitCode = status),
    (error: Error) => {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 2;
    },
  );
}
