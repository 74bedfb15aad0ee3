import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PeakPss } from "./peak-pss";
import { PROVIDER_VERSION, findProviderMirror, mirrorCliConfig, offlineOverrides } from "../../lib/terraform/offline";

/**
 * What one offline `terraform plan` of a stack costs: wall time, and peak memory as the sum
 * of PSS over terraform and every provider process it starts (terraform starts one per
 * provider configuration in use, all at once; peak-pss.ts).
 */
export interface PlanCost {
  readonly seconds: number;
  readonly pssMegabytes: number;
  /** The most processes alive at once: terraform plus its providers. */
  readonly processes: number;
}

export interface PlanEnvironment {
  readonly env: NodeJS.ProcessEnv;
  readonly cleanup: () => void;
}

/** Environment for offline plans: the provider mirror when there is one, else the user's own terraform setup. */
export function planEnvironment(): PlanEnvironment {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  const mirror = findProviderMirror();
  if (!mirror) return { env, cleanup: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), "cis-bench-tf-"));
  writeFileSync(join(dir, "terraformrc"), mirrorCliConfig(mirror));
  env.TF_CLI_CONFIG_FILE = join(dir, "terraformrc");
  delete env.TF_PLUGIN_CACHE_DIR;
  return { env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Plans a stack (JSON text) offline in a private copy and measures it; init is not counted. */
export async function measurePlan(stackJson: string, environment: PlanEnvironment): Promise<PlanCost> {
  return inInitializedCopy(stackJson, environment, (dir) => sample(dir, environment.env));
}

/** Runs `body` in a private, initialized copy of a stack set up to plan offline; the copy is removed afterwards. */
export async function inInitializedCopy<T>(stackJson: string, environment: PlanEnvironment, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "cis-bench-plan-"));
  try {
    writeFileSync(join(dir, "cdk.tf.json"), stackJson);
    writeFileSync(join(dir, "bench_override.tf.json"), JSON.stringify(offlineOverrides(JSON.parse(stackJson).provider?.aws ?? [])));
    const init = spawnSync("terraform", ["init", "-input=false", "-no-color"], { cwd: dir, env: environment.env, encoding: "utf8" });
    if (init.status !== 0) throw new Error(`terraform init failed:\n${init.stderr}${init.stdout}`);
    return await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sample(dir: string, env: NodeJS.ProcessEnv): Promise<PlanCost> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn("terraform", ["plan", "-input=false", "-no-color", "-lock=false", "-refresh=false"], {
      cwd: dir,
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const peak = child.pid === undefined ? undefined : new PeakPss(child.pid);
    const poll = setInterval(() => peak?.sample(), 20);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(new Error(`terraform plan failed:\n${stderr}`));
      else resolve({ seconds, pssMegabytes: peak?.megabytes ?? 0, processes: peak?.processes ?? 0 });
    });
  });
}

/** The smallest plan there is: one aws provider and nothing for it to do. */
export function floorStack(region: string): string {
  return JSON.stringify({
    terraform: { required_providers: { aws: { source: "aws", version: PROVIDER_VERSION } }, backend: { local: { path: "terraform.tfstate" } } },
    provider: { aws: [{ region }] },
  });
}

/**
 * The same stack with only its default aws provider: the aliases it declares (and anything
 * using them) removed. The "one-provider floor" for a stack: what planning its own
 * resources costs with no extra provider process.
 */
export function withoutAliases(stackJson: string): string {
  type Block = { provider?: string };
  const stack = JSON.parse(stackJson) as {
    provider: { aws: { alias?: string }[] };
    resource?: Record<string, Record<string, Block>>;
    data?: Record<string, Record<string, Block>>;
  };
  stack.provider.aws = stack.provider.aws.filter((provider) => provider.alias === undefined);
  for (const kind of [stack.resource, stack.data]) {
    for (const [type, byName] of Object.entries(kind ?? {})) {
      for (const [name, block] of Object.entries(byName)) if (block.provider !== undefined && block.provider !== "aws") delete byName[name];
      if (Object.keys(byName).length === 0) delete kind![type];
    }
  }
  return JSON.stringify(stack);
}

/**
 * The account as version 0.1 synthesized it, one stack: the account stack with the
 * regional stack's analyzers and the providers they use folded in. For comparing plan
 * cost with the two-stack layout.
 */
export function singleStackLayout(home: string, regional: readonly string[]): string {
  const stack = JSON.parse(home) as { provider: { aws: { alias?: string }[] }; resource?: Record<string, Record<string, unknown>> };
  const analyzers = JSON.parse(ungroupedRegionalStack(regional)).resource?.aws_accessanalyzer_analyzer ?? {};
  const used = new Set(Object.values(analyzers as Record<string, { provider?: string }>).map((analyzer) => analyzer.provider));
  const providers = regional.flatMap((text) => (JSON.parse(text) as { provider: { aws: { alias?: string }[] } }).provider.aws);
  const seen = new Set<string>();
  for (const provider of providers) {
    if (!used.has(`aws.${provider.alias}`) || seen.has(String(provider.alias))) continue;
    seen.add(String(provider.alias));
    stack.provider.aws.push(provider);
  }
  stack.resource = { ...(stack.resource ?? {}), aws_accessanalyzer_analyzer: analyzers };
  return JSON.stringify(stack);
}

/**
 * An account's regional stacks as the one stack they were before regions were grouped:
 * the first group's stack with every group's providers (one per region of the partition),
 * analyzers and Security Hub, and no handover blocks. For comparing plan cost, and as the
 * old layout in the upgrade tests.
 */
export function ungroupedRegionalStack(regional: readonly string[]): string {
  type Stack = {
    provider?: { aws?: { alias?: string }[] };
    resource?: Record<string, Record<string, unknown>>;
    removed?: unknown;
    output?: Record<string, { value: Record<string, unknown> }>;
  };
  const [first, ...others] = regional.map((text) => JSON.parse(text) as Stack);
  delete first.removed;
  const aliases = new Set((first.provider?.aws ?? []).map((provider) => provider.alias));
  for (const other of others) {
    for (const provider of other.provider?.aws ?? []) {
      if (aliases.has(provider.alias)) continue;
      aliases.add(provider.alias);
      (first.provider ??= {}).aws = [...(first.provider.aws ?? []), provider];
    }
    for (const [type, byName] of Object.entries(other.resource ?? {}))
      first.resource = { ...first.resource, [type]: { ...(first.resource?.[type] ?? {}), ...byName } };
    if (other.output?.analyzer_arns) {
      first.output ??= {};
      first.output.analyzer_arns = {
        ...other.output.analyzer_arns,
        value: { ...(first.output.analyzer_arns?.value ?? {}), ...other.output.analyzer_arns.value },
      };
    }
  }
  return JSON.stringify(first);
}
