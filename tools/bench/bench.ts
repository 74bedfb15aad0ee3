import { stackNamesOf, stacksOf } from "../../lib/model/stack-names";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { synthesizeToTexts } from "../../lib/synth/synth-stacks";
import { PlanCost, floorStack, measurePlan, planEnvironment, singleStackLayout, ungroupedRegionalStack, withoutAliases } from "./plan-cost";
import { regionGroupOf } from "../../lib/model/aws-facts";
import { loadConfig } from "../../lib/config/load-config";
import { offlinePlannable } from "./offline-model";
import { ScratchRepository } from "../scratch-repository";
import { withSection } from "../../lib/output/marked-section";
import { LimitedPlan, MAX_SLOWDOWN, limitVerdict, memoryCgroupRoot, planWithinLimit } from "./memory-limit";
import { measureDeploy, synthesizedOutput } from "./deploy-cost";
import { BenchFolders } from "./bench-folders";
import { DEFAULT_CONFIG, projectRoot } from "../../lib/source/paths";
import { Output, parseCommandLine, processOutput, usageError } from "../../lib/commands/command-line";

const USAGE = `usage: npm run bench -- [--runs 5] [--scale 1,10,100,500,1000] [--scale-runs 3] [--plan-runs 3] [--example-runs 1] [--no-plans] [--write]

Measures, median of alternating runs, wall time and peak memory (largest process, from
/usr/bin/time) of:
  (a) this app synthesizing the default baseline: the app process alone, and cdktf synth end to end
  (b) the cdktf template's way on an equivalent stack: ts-node with the root @cdktf/provider-aws import
  (c) the floor: node loading cdktf and constructs
then the app for 1 to 1,000 accounts (17 regions each; the largest once more with its
output folder on tmpfs, to tell the app's cost from the disk's, and once replacing its own
previous output, as a second synth does), and a pull request's review and
affected list for one account's change in 1,000 accounts; then what users pay most often,
an offline \`terraform plan\` of each stack (no state, so nothing is read from AWS): wall
time, peak memory as the sum of PSS over terraform and its provider processes, how many
processes ran at once, and, where a memory cgroup can be made (root on Linux), whether it
plans inside a 1 GiB memory limit in at most twice the time; for the default baseline (its account id set and the log group
lookup off, which an offline plan needs) every stack, the same account as version 0.1's
single stack and as one ungrouped regional stack, one aws provider with nothing to do (the
floor), and every stack of every example config (--example-runs each). --write puts the
Markdown tables into docs/performance.md between the bench markers.`;

interface Measurement {
  readonly seconds: number;
  readonly megabytes: number;
}

interface Variant {
  readonly key: string;
  readonly label: string;
  readonly command: string[];
  readonly env?: Record<string, string>;
  /** Where each run's new output folder is made; the system's temporary folder unless given. */
  readonly outdirParent?: string;
  /** One output folder for every run, each run replacing the previous run's output; a new folder per run unless given. */
  readonly outdir?: string;
}

/** Every run's output and every generated config, kept until the synth rows are measured (see BenchFolders). */
const benchFolders = new BenchFolders();

function measure(variant: Variant, cwd = projectRoot()): Measurement {
  const outdir = variant.outdir ?? benchFolders.make(variant.outdirParent ?? tmpdir());
  const started = process.hrtime.bigint();
  const command = variant.command.map((part) => part.replace("{outdir}", outdir));
  const result = spawnSync("/usr/bin/time", ["-f", "%M", ...command], {
    cwd,
    maxBuffer: 256 * 1024 * 1024,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outdir, ...variant.env },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${variant.label} failed:\n${result.stderr}`);
  const kilobytes = Number(result.stderr.trim().split("\n").pop());
  return { seconds, megabytes: kilobytes / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A variant measured `runs` times in a row: the median seconds and megabytes. */
function measureMedian(variant: Variant, runs: number): Measurement {
  const samples = Array.from({ length: runs }, () => measure(variant));
  return { seconds: median(samples.map((sample) => sample.seconds)), megabytes: median(samples.map((sample) => sample.megabytes)) };
}

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
  const dir = benchFolders.make(tmpdir(), "cis-bench-config-");
  writeFileSync(join(dir, "config.yaml"), scaleConfigText(accounts));
  return join(dir, "config.yaml");
}

function scaleConfigText(accounts: number): string {
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
  return `${lines.join("\n")}\n`;
}

interface PullRequestCost {
  readonly review: Measurement;
  readonly affected: Measurement;
}

/**
 * What a pull request that retunes one account's alarm costs before terraform starts, in an
 * organization of `accounts`: `review --base HEAD` and `affected --base HEAD` in a git
 * repository of their own (only the changed account is synthesized on both sides).
 */
function reviewCosts(accounts: number, runs: number, log: (text: string) => void): PullRequestCost {
  const config = scaleConfigText(accounts);
  const repository = new ScratchRepository({ "config.yaml": config });
  try {
    const name = `account-${String(Math.floor(accounts / 2)).padStart(3, "0")}`;
    const changed = config.replace(`{ name: ${name}, `, `{ name: ${name}, overrides: { vpc-changes: { alarm: { period: 60 } } }, `);
    if (changed === config) throw new Error(`no account ${name} to change`);
    repository.write({ "config.yaml": changed });
    const node = process.execPath;
    const variant = (key: string, entry: string): Variant => ({
      key,
      label: `${key} of one account's change in ${accounts} accounts`,
      command: [node, "tools/launcher.js", entry, "--base", "HEAD", "--config", "config.yaml"],
    });
    const review = variant("review", "lib/commands/review.ts");
    const affected = variant("affected", "lib/commands/affected.ts");
    measure(review, repository.dir); // bundles the entries for this checkout once
    measure(affected, repository.dir);
    const samples = { review: [] as Measurement[], affected: [] as Measurement[] };
    for (let run = 0; run < runs; run++) {
      samples.review.push(measure(review, repository.dir));
      samples.affected.push(measure(affected, repository.dir));
    }
    const middle = (list: Measurement[]) => ({ seconds: median(list.map((m) => m.seconds)), megabytes: median(list.map((m) => m.megabytes)) });
    const result = { review: middle(samples.review), affected: middle(samples.affected) };
    log(`  review: ${result.review.seconds.toFixed(2)} s, affected: ${result.affected.seconds.toFixed(2)} s\n`);
    return result;
  } finally {
    repository.remove();
  }
}

function renderReviewTable(cost: PullRequestCost, synth: { accounts: number; result: Measurement }): string {
  const row = (label: string, m: Measurement) =>
    `| ${label} | ${m.seconds.toFixed(2)} | ${m.megabytes.toFixed(0)} | ${(m.seconds / synth.result.seconds).toFixed(2)}× |`;
  return [
    "",
    `| a pull request changing one account's alarm, ${synth.accounts} accounts | seconds | peak MB | vs synth of ${synth.accounts} accounts |`,
    "|---|---|---|---|",
    row("`npm run review -- --base HEAD`", cost.review),
    row("`npm run affected -- --base HEAD`", cost.affected),
    "",
  ].join("\n");
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
      scale: { type: "string", default: "1,10,100,500,1000" },
      "scale-runs": { type: "string", default: "3" },
      "plan-runs": { type: "string", default: "3" },
      "example-runs": { type: "string", default: "1" },
      deploy: { type: "string" },
      "deploy-parallelism": { type: "string", default: "-1,4" },
      "no-plans": { type: "boolean" },
      write: { type: "boolean" },
    },
    USAGE,
    out,
  );
  if (typeof parsed === "number") return parsed;
  const values = parsed.options as {
    runs: string;
    scale: string;
    "scale-runs": string;
    "plan-runs": string;
    "example-runs": string;
    deploy?: string;
    "deploy-parallelism": string;
    "no-plans"?: boolean;
    write?: boolean;
  };
  const counts = benchCounts(values, parsed.positionals);
  if (typeof counts === "string") return usageError(out, counts, USAGE);
  if (!existsSync("/usr/bin/time")) {
    out.error("error: /usr/bin/time (GNU time) is needed to read peak memory; install the Debian package time\n");
    return 2;
  }
  const root = projectRoot();
  if (counts.deploy !== undefined) {
    let table: string;
    try {
      table = await deployCosts(counts.deploy!, counts.deployParallelism, (text) => out.write(text));
    } finally {
      benchFolders.removeAll();
    }
    out.write(`\n${table}`);
    if (values.write) writeBetweenMarkers(join(root, "docs", "performance.md"), "bench-deploy", table, out);
    return 0;
  }
  let synth: ReturnType<typeof measureSynthRows>;
  try {
    synth = measureSynthRows(counts, out);
  } finally {
    benchFolders.removeAll();
  }
  const { results, scaling, inMemory, replacing, pullRequest, largest } = synth;

  const plans = values["no-plans"] ? [] : await planCosts(counts.planRuns, counts.exampleRuns, (text) => out.write(text));
  const table =
    renderTable(results, scaling, counts.runs, inMemory, replacing) +
    (pullRequest && largest ? renderReviewTable(pullRequest, largest) : "") +
    renderPlanTable(plans, counts.planRuns, counts.exampleRuns);
  out.write(`\n${table}`);
  if (values.write) writeBetweenMarkers(join(root, "docs", "performance.md"), "bench", table, out);
  return 0;
}

/** Every synth measurement: the default baseline's comparison, the organization sizes, and a pull request's review. */
function measureSynthRows(counts: BenchCounts, out: Output) {
  const node = process.execPath;
  const bin = (name: string) => join(projectRoot(), "node_modules", ".bin", name);
  const variants: Variant[] = [
    { key: "app", label: "(a) app process", command: [node, "tools/launcher.js", "main.ts"] },
    { key: "cli", label: "(a) cdktf synth", command: [bin("cdktf"), "synth", "--output", "{outdir}"], env: { CI: "1" } },
    { key: "template", label: "(b) template way", command: [bin("ts-node"), "tools/bench/template-app.ts"] },
    { key: "floor", label: "(c) floor", command: [node, "-e", "require('cdktf'); require('constructs')"] },
  ];
  measure(variants[0]); // warm the bundle cache: the app's first run after a source change also bundles
  out.write(`comparing, ${counts.runs} alternating rounds:\n`);
  const results = alternate(variants, counts.runs, (text) => out.write(text));

  const scaling: { accounts: number; result: Measurement }[] = [];
  for (const accounts of counts.scale) {
    const config = scaleConfig(accounts);
    const result = measureMedian(
      { key: "scale", label: `${accounts} accounts`, command: [node, "tools/launcher.js", "main.ts"], env: { CIS_CONFIG: config } },
      counts.scaleRuns,
    );
    scaling.push({ accounts, result });
    out.write(`  ${accounts} accounts: ${result.seconds.toFixed(2)} s, ${result.megabytes.toFixed(0)} MB\n`);
  }
  const log = (text: string) => out.write(text);
  const inMemory = existsSync(MEMORY_FOLDER)
    ? largestOnceMore(scaling, counts.scaleRuns, log, (accounts) => ({
        key: "scale-tmpfs",
        label: `${accounts} accounts, output on tmpfs`,
        outdirParent: MEMORY_FOLDER,
      }))
    : undefined;
  const replacing = largestOnceMore(scaling, counts.scaleRuns, log, (accounts) => ({
    key: "scale-replacing",
    label: `${accounts} accounts, replacing the previous output`,
    outdir: join(benchFolders.make(tmpdir()), "cdktf.out"),
  }));

  const largest = scaling.find(({ accounts }) => accounts === Math.max(...scaling.map((entry) => entry.accounts)));
  const pullRequest = largest ? reviewCosts(largest.accounts, counts.scaleRuns, (text) => out.write(text)) : undefined;
  return { results, scaling, inMemory, replacing, pullRequest, largest };
}

interface BenchCounts {
  readonly runs: number;
  readonly scale: number[];
  readonly scaleRuns: number;
  readonly planRuns: number;
  readonly exampleRuns: number;
  readonly deploy?: number[];
  readonly deployParallelism: number[];
}

/** The numeric options, checked before anything runs (a typo would otherwise surface minutes later, or never). */
export function benchCounts(values: Record<string, string | boolean | undefined>, positionals: readonly string[]): BenchCounts | string {
  if (positionals.length) return `bench takes options only; got ${positionals.map((text) => JSON.stringify(text)).join(", ")}`;
  const problems: string[] = [];
  const list = (option: string, min: number, max: number, also: readonly number[] = []): number[] => {
    const text = String(values[option]);
    const parts = text.split(",");
    const numbers = parts.map((part) => (/^-?\d{1,6}$/.test(part.trim()) ? Number(part) : NaN));
    if (numbers.some((value) => !((value >= min && value <= max) || also.includes(value)))) {
      const range = `whole numbers from ${min} to ${max}${also.length ? ` (or ${also.join(", ")})` : ""}`;
      problems.push(`--${option} takes ${range}, separated by commas; got ${JSON.stringify(text.slice(0, 80))}`);
    }
    return numbers;
  };
  const one = (option: string, min: number, max: number): number => {
    const numbers = list(option, min, max);
    if (numbers.length > 1) problems.push(`--${option} takes one number; got ${JSON.stringify(String(values[option]).slice(0, 80))}`);
    return numbers[0];
  };
  const counts: BenchCounts = {
    runs: one("runs", 1, 100),
    scale: list("scale", 1, 10_000),
    scaleRuns: one("scale-runs", 1, 100),
    planRuns: one("plan-runs", 1, 100),
    exampleRuns: one("example-runs", 1, 100),
    deploy: values.deploy === undefined ? undefined : list("deploy", 1, 1_000),
    // -1 is cdktf's own default: no bound.
    deployParallelism: list("deploy-parallelism", 1, 1_000, [-1]),
  };
  return problems.length ? problems.join("; ") : counts;
}

function writeBetweenMarkers(file: string, marker: string, table: string, out: Output): void {
  writeFileSync(file, withSection(readFileSync(file, "utf8"), marker, table, file));
  out.write(`wrote the table into ${file}\n`);
}

/** Above this, an unbounded deploy is stopped: the machine must survive its own benchmark. */
const DEPLOY_GUARD_MB = 12 * 1024;

/** `cdktf deploy '*'` of 1, 3, 10 accounts, each without a bound and with --parallelism. */
async function deployCosts(accountCounts: number[], parallelisms: number[], log: (text: string) => void): Promise<string> {
  const environment = planEnvironment();
  const rows: string[] = [];
  try {
    for (const accounts of accountCounts) {
      for (const parallelism of parallelisms) {
        const outdir = synthesizedOutput(scaleConfig(accounts));
        try {
          const cost = await measureDeploy(outdir, parallelism, environment, DEPLOY_GUARD_MB);
          const peak = `${cost.stopped ? "> " : ""}${cost.pssMegabytes.toFixed(0)}`;
          log(
            `  deploy ${accounts} accounts, parallelism ${parallelism}: ${peak} MB PSS, ${cost.terraformProcesses} terraform processes, ${cost.seconds.toFixed(0)} s\n`,
          );
          rows.push(
            `| ${accounts} (${cost.stacks} stacks) | ${parallelism === -1 ? "none (cdktf's default)" : `\`--parallelism ${parallelism}\``} | ${peak}${cost.stopped ? " (stopped)" : ""} | ${cost.terraformProcesses} | ${cost.seconds.toFixed(0)} |`,
          );
        } finally {
          rmSync(outdir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    environment.cleanup();
  }
  return [
    `Measured on ${new Date().toISOString().slice(0, 10)}: ${machine()}. \`cdktf deploy '*' --skip-synth --auto-approve\` of N accounts (17 regions each, ${stacksOf(stackNamesOf("a", "aws")).length} stacks per account), offline: every plan runs for real, every apply then fails at its first AWS call, so the peak is the plan phase. Memory: the peak of the PSS summed over cdktf, terraform and every provider process; a run above ${(DEPLOY_GUARD_MB / 1024).toFixed(0)} GB is stopped.`,
    "",
    "| accounts | bound | peak PSS MB | terraform + provider processes at once | seconds |",
    "|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

/** A memory-backed folder (tmpfs) where the output can be written, if the machine has one. */
const MEMORY_FOLDER = "/dev/shm";

type Scaled = { accounts: number; result: Measurement };

/**
 * The largest organization once more, in another setting (`setting` gives its key, label
 * and output folder): its output written to memory (tmpfs) instead of the disk, what the
 * app costs without the file system; or synthesized over its own previous output, as a
 * developer's next synth is (the run writes beside the old output, swaps and removes the
 * old one, see lib/output, so it pays for removing 7,000 folders and files, and each run
 * after the first creates its files right after the previous run removed as many: see
 * BenchFolders).
 */
function largestOnceMore(
  scaling: readonly Scaled[],
  runs: number,
  log: (text: string) => void,
  setting: (accounts: number) => Omit<Variant, "command" | "env">,
): Scaled | undefined {
  const largest = scaling.at(-1);
  if (!largest) return undefined;
  const variant: Variant = {
    ...setting(largest.accounts),
    command: [process.execPath, "tools/launcher.js", "main.ts"],
    env: { CIS_CONFIG: scaleConfig(largest.accounts) },
  };
  if (variant.outdir) measure(variant); // the output the first measured run replaces
  const result = measureMedian(variant, runs);
  log(`  ${variant.label}: ${result.seconds.toFixed(2)} s, ${result.megabytes.toFixed(0)} MB\n`);
  return { accounts: largest.accounts, result };
}

function renderTable(
  results: Map<string, Measurement>,
  scaling: { accounts: number; result: Measurement }[],
  runs: number,
  inMemory?: { accounts: number; result: Measurement },
  replacing?: { accounts: number; result: Measurement },
): string {
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
    ...(inMemory
      ? [
          `| ${inMemory.accounts}, output folder on tmpfs (${MEMORY_FOLDER}) | ${inMemory.result.seconds.toFixed(2)} | ${inMemory.result.megabytes.toFixed(0)} | the app without the disk |`,
        ]
      : []),
    ...(replacing
      ? [
          `| ${replacing.accounts}, replacing the previous output (a second synth) | ${replacing.result.seconds.toFixed(2)} | ${replacing.result.megabytes.toFixed(0)} | removes the old output too |`,
        ]
      : []),
    "",
  ];
  return lines.join("\n");
}

interface PlanRow {
  readonly label: string;
  readonly cost: PlanCost;
  /** The same stack without its provider aliases, for stacks where everyday changes are planned. */
  readonly floor?: PlanCost;
  /** One plan inside a memory cgroup of RUNNER_MIB, when the machine lets the benchmark make one. */
  readonly limited?: LimitedPlan;
  /** A stack a config ships (counted against the 1 GB budget), not a comparison. */
  readonly shipped: boolean;
  readonly runs: number;
}

interface PlannedStack {
  readonly label: string;
  readonly json: string;
  readonly everyday?: boolean;
  readonly shipped: boolean;
  readonly runs: number;
}

const EXAMPLES = ["multi-account", "control-tower", "every-scanner", "seed-000-002", "seed-004"];

async function planCosts(runs: number, exampleRuns: number, log: (text: string) => void): Promise<PlanRow[]> {
  const root = projectRoot();
  const baseline = offlinePlannable(loadConfig(join(root, DEFAULT_CONFIG)).model);
  const account = baseline.accounts[0];
  const baselineStacks = synthesizeToTexts(baseline);
  const home = baselineStacks.get(account.stacks.home)!;
  const allRegional = account.stacks.regional.map((stack) => baselineStacks.get(stack.name)!);
  const stacks: PlannedStack[] = [
    {
      label: `default: 0.1's single stack \`${account.name}\` (${account.rules.length} rules, ${account.regions.length} analyzers)`,
      json: singleStackLayout(home, allRegional),
      shipped: false,
      runs,
    },
    {
      label: `default: one ungrouped regional stack (${account.regions.length} analyzers, as before regional groups)`,
      json: ungroupedRegionalStack(allRegional),
      shipped: false,
      runs,
    },
    { label: `default: account stack \`${account.stacks.home}\` (everyday changes)`, json: home, everyday: true, shipped: true, runs },
    ...account.stacks.regional.map((stack, index) => ({
      label: `default: regional stack \`${stack.name}\` (${account.regions.filter((region) => regionGroupOf(region) === stack.group).length} analyzers)`,
      json: allRegional[index],
      shipped: true,
      runs,
    })),
    { label: "one aws provider, nothing to plan", json: floorStack(account.region), shipped: false, runs },
  ];
  for (const example of EXAMPLES) {
    const model = offlinePlannable(loadConfig(join(root, "rules", "examples", `${example}.yaml`)).model);
    for (const [name, json] of synthesizeToTexts(model)) stacks.push({ label: `${example}: \`${name}\``, json, shipped: true, runs: exampleRuns });
  }
  const environment = planEnvironment();
  const measureMedian = async (label: string, json: string, count: number): Promise<PlanCost> => {
    const samples: PlanCost[] = [];
    for (let run = 0; run < count; run++) samples.push(await measurePlan(json, environment));
    const cost = {
      seconds: median(samples.map((sample) => sample.seconds)),
      pssMegabytes: median(samples.map((sample) => sample.pssMegabytes)),
      processes: Math.max(...samples.map((sample) => sample.processes)),
    };
    log(`  plan ${label}: ${cost.seconds.toFixed(2)} s, ${cost.pssMegabytes.toFixed(0)} MB PSS, ${cost.processes} processes\n`);
    return cost;
  };
  const cgroupRoot = memoryCgroupRoot();
  if (!cgroupRoot) log("  no writable memory cgroup (root on Linux): plans under a memory limit are not measured\n");
  const rows: PlanRow[] = [];
  try {
    for (const stack of stacks) {
      // The stack, its floor and its limited plan one after the other, so that all see the same machine load.
      const cost = await measureMedian(stack.label, stack.json, stack.runs);
      const floor = stack.everyday ? await measureMedian(`${stack.label} without aliases`, withoutAliases(stack.json), stack.runs) : undefined;
      const limited = cgroupRoot ? await planWithinLimit(stack.json, environment, cgroupRoot, RUNNER_MIB, MAX_SLOWDOWN * cost.seconds + 1) : undefined;
      if (limited) log(`  plan ${stack.label} within ${RUNNER_MIB} MiB: ${limitVerdict(limited, cost.seconds).text}\n`);
      rows.push({ label: stack.label, cost, floor, limited, shipped: stack.shipped, runs: stack.runs });
    }
  } finally {
    environment.cleanup();
  }
  return rows;
}

/** Terraform Enterprise's default run memory is 2,048 MiB; the budget here is half of it. */
const PLAN_BUDGET_MB = 1024;

/** The runner size the limited plans are measured in: the same budget, as a memory limit. */
const RUNNER_MIB = 1024;

function renderPlanTable(rows: readonly PlanRow[], runs: number, exampleRuns: number): string {
  if (rows.length === 0) return "";
  const single = rows[0].cost;
  const everyday = rows.find((row) => row.floor)!;
  const shipped = rows.filter((row) => row.shipped);
  const largest = shipped.reduce((most, row) => (row.cost.pssMegabytes > most.cost.pssMegabytes ? row : most));
  const limited = shipped.filter((row) => row.limited);
  const failing = limited.filter((row) => !limitVerdict(row.limited!, row.cost.seconds).passed);
  const limitLine =
    limited.length === 0
      ? "Plans under a memory limit were not measured (no writable memory cgroup)."
      : `**Every one of them plans inside a ${RUNNER_MIB.toLocaleString("en-US")} MiB memory limit in at most ${MAX_SLOWDOWN}× its unlimited time: ${failing.length === 0 && limited.length === shipped.length ? "yes" : "NO"}**` +
        (failing.length ? ` (${failing.length} do not: ${failing.map((row) => row.label).join("; ")}).` : ".") +
        ` Limit: a cgroup's memory.limit_in_bytes over terraform, its providers and the page cache of the provider binary, copied in from inside the limit as a runner's \`terraform init\` downloads it; one run per stack.`;
  const ratio = (cost: PlanCost, floor: PlanCost) =>
    `${(cost.seconds / floor.seconds).toFixed(2)}× time, ${(cost.pssMegabytes / floor.pssMegabytes).toFixed(2)}× memory`;
  return [
    "",
    `Offline \`terraform plan\` per stack (no state), median of ${runs} runs for the default config and ${exampleRuns} for the examples; memory is the peak of the PSS summed over terraform and its provider processes. ` +
      "The floor of a stack where everyday changes are planned is the same stack with its provider aliases removed (one provider process), measured right after it.",
    "",
    `**Every one of the ${shipped.length} stacks the default and example configs synthesize plans within ${PLAN_BUDGET_MB.toLocaleString("en-US")} MB PSS: ${largest.cost.pssMegabytes <= PLAN_BUDGET_MB ? "yes" : "NO"}** (largest: ${largest.label}, ${largest.cost.pssMegabytes.toFixed(0)} MB, ${largest.cost.processes} processes).`,
    "",
    limitLine,
    "",
    `| stack | seconds | peak PSS MB | processes | floor: seconds, PSS MB | vs floor | within ${RUNNER_MIB.toLocaleString("en-US")} MiB: seconds, × unlimited |`,
    "|---|---|---|---|---|---|---|",
    ...rows.map((row) => {
      const floor = row.floor ? `${row.floor.seconds.toFixed(2)}, ${row.floor.pssMegabytes.toFixed(0)}` : "";
      const within = row.limited ? limitVerdict(row.limited, row.cost.seconds).text : "";
      return `| ${row.label} | ${row.cost.seconds.toFixed(2)} | ${row.cost.pssMegabytes.toFixed(0)} | ${row.cost.processes} | ${floor} | ${row.floor ? ratio(row.cost, row.floor) : ""} | ${within} |`;
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
