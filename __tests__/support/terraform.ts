import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROVIDER, PROVIDER_VERSION, findProviderMirror, mirrorCliConfig, offlineOverrides } from "../../lib/terraform/offline";
import { sharedProviderReattach, singleProviderInUse } from "./shared-provider";

/**
 * Runs the real terraform binary offline against synthesized stacks. The hashicorp/aws
 * provider comes from a local filesystem mirror through a CLI config written here (never
 * the user's). The mirror must be in the unpacked layout, from which `terraform init`
 * links the provider instead of copying it: init takes well under a second, and parallel
 * test workers share nothing writable (terraform's plugin cache is not safe for concurrent
 * init, hashicorp/terraform#31964). Overrides that let plan run without AWS go into a
 * private working copy of the stack, never into cdktf.out.
 */

export { PROVIDER, PROVIDER_VERSION };

export type TerraformAvailability = { available: true; binary: string; version: string; mirror: string } | { available: false; reason: string };

let cached: TerraformAvailability | undefined;

export function terraformAvailability(): TerraformAvailability {
  if (cached) return cached;
  const version = spawnSync("terraform", ["version", "-json"], { encoding: "utf8", env: terraformEnv() });
  if (version.error || version.status !== 0) {
    return (cached = { available: false, reason: "the terraform binary is not on the PATH" });
  }
  const mirror = findProviderMirror();
  if (!mirror) {
    return (cached = {
      available: false,
      reason: `no unpacked filesystem mirror holding ${PROVIDER} ${PROVIDER_VERSION} (set CIS_TF_PROVIDER_MIRROR to the folder that contains registry.terraform.io)`,
    });
  }
  return (cached = { available: true, binary: "terraform", version: JSON.parse(version.stdout).terraform_version, mirror });
}

/**
 * Declares the terraform suite: runs it when terraform and the mirror are here; otherwise
 * says so loudly and registers the checks as skipped, so the summary shows they did not run.
 * CIS_REQUIRE_TERRAFORM=1 (set by .ci/run) turns a missing terraform into a failure.
 */
export function describeWithTerraform(name: string, body: () => void): void {
  const availability = terraformAvailability();
  if (availability.available) {
    describe(name, body);
    return;
  }
  const message = `TERRAFORM CHECKS SKIPPED (${name}): ${availability.reason}`;
  if (process.env.CIS_REQUIRE_TERRAFORM === "1") {
    test(`terraform is required here (CIS_REQUIRE_TERRAFORM=1): ${availability.reason}`, () => {
      throw new Error(message);
    });
    return;
  }
  process.stderr.write(`\n*** ${message} ***\n\n`);
  describe.skip(`${name} [SKIPPED: ${availability.reason}]`, body);
}

let cliConfig: string | undefined;

function terraformEnv(): NodeJS.ProcessEnv {
  // GOGC=400: terraform and the provider collect garbage less often. Each provider start is
  // mostly allocation; this cuts the suite's CPU time by a sixth for ~10% more memory per process.
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", GOGC: process.env.GOGC ?? "400" };
  delete env.TF_PLUGIN_CACHE_DIR;
  if (cliConfig) env.TF_CLI_CONFIG_FILE = cliConfig;
  return env;
}

function ensureCliConfig(mirror: string): void {
  if (cliConfig) return;
  const dir = mkdtempSync(join(tmpdir(), "cis-tf-cli-"));
  cliConfig = join(dir, "terraformrc");
  writeFileSync(cliConfig, mirrorCliConfig(mirror));
}

/** The environment terraform runs offline in here (the mirror's CLI config), for scripts that call terraform themselves. */
export function offlineTerraformEnv(): Record<string, string> {
  const availability = terraformAvailability();
  if (!availability.available) throw new Error(availability.reason);
  ensureCliConfig(availability.mirror);
  return Object.fromEntries(Object.entries(terraformEnv()).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs terraform in a working copy. `sharedProvider`: attach to this worker's provider
 * process (shared-provider.ts) instead of starting one — for commands that need only the
 * provider's schemas, or one provider configuration.
 */
export function terraform(dir: string, args: string[], sharedProvider = false): CommandResult {
  const availability = terraformAvailability();
  if (!availability.available) throw new Error(availability.reason);
  ensureCliConfig(availability.mirror);
  const env = terraformEnv();
  if (sharedProvider && process.env.CIS_TF_SHARED_PROVIDER !== "0") env.TF_REATTACH_PROVIDERS = sharedProviderReattach(availability.mirror);
  const result = spawnSync(availability.binary, args, { cwd: dir, encoding: "utf8", env, maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function mustSucceed(dir: string, args: string[], sharedProvider = false): CommandResult {
  const result = terraform(dir, args, sharedProvider);
  if (result.status !== 0) throw new Error(`terraform ${args.join(" ")} failed in ${dir}:\n${result.stderr}${result.stdout}`);
  return result;
}

const workingCopies: string[] = [];
let initialized: string | undefined;

/**
 * A folder `terraform init` ran in once per test process, for a config with the same
 * provider requirement and (after the harness's override) the same local backend as every
 * stack: working copies link its .terraform folder and copy its lock file instead of each
 * running init. Nothing in it is written after init.
 */
function initializedFolder(): string {
  if (initialized) return initialized;
  const dir = mkdtempSync(join(tmpdir(), "cis-tf-init-"));
  workingCopies.push(dir);
  writeFileSync(
    join(dir, "main.tf.json"),
    JSON.stringify({
      terraform: { required_providers: { aws: { source: "aws", version: PROVIDER_VERSION } }, backend: { local: { path: "terraform.tfstate" } } },
    }),
  );
  mustSucceed(dir, ["init", "-input=false", "-no-color"]);
  return (initialized = dir);
}

/** A private working copy of synthesized stack files (cdk.tf.json or cdk.tf), ready to plan; removed after the test file. */
export function workingCopy(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cis-tf-stack-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  linkInitialized(dir);
  workingCopies.push(dir);
  return dir;
}

function linkInitialized(dir: string): void {
  const init = initializedFolder();
  symlinkSync(join(init, ".terraform"), join(dir, ".terraform"), "dir");
  copyFileSync(join(init, ".terraform.lock.hcl"), join(dir, ".terraform.lock.hcl"));
}

if (typeof afterAll === "function") {
  afterAll(() => {
    for (const dir of workingCopies.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
}

export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
}

/** terraform validate in a working copy; returns every diagnostic, warnings included. */
export function validate(dir: string): { valid: boolean; diagnostics: Diagnostic[] } {
  const result = terraform(dir, ["validate", "-json", "-no-color"], true);
  const parsed = JSON.parse(result.stdout) as { valid: boolean; diagnostics: Diagnostic[] };
  return { valid: parsed.valid, diagnostics: parsed.diagnostics };
}

/** The parts of `terraform show -json <plan>` the tests read. */
export interface PlanJson {
  readonly resource_changes?: readonly ResourceChangeJson[];
  readonly planned_values?: { readonly root_module?: { readonly resources?: readonly PlannedResourceJson[] } };
  readonly configuration?: { readonly root_module?: { readonly resources?: readonly { address: string; mode: string; provider_config_key: string }[] } };
  readonly output_changes?: Readonly<Record<string, { actions: string[]; after: unknown; after_unknown: unknown }>>;
}

export interface ResourceChangeJson {
  readonly address: string;
  readonly previous_address?: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before: Record<string, unknown> | null;
    readonly after: Record<string, unknown> | null;
    readonly after_unknown?: Record<string, unknown>;
    readonly importing?: { readonly id: string };
  };
  readonly action_reason?: string;
}

export interface PlannedResourceJson {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly schema_version: number;
  readonly values: Record<string, unknown>;
}

export interface PlannedChange {
  readonly address: string;
  readonly actions: readonly string[];
  /** The planned attribute values (known ones). */
  readonly after: Record<string, unknown>;
}

export interface PlanOptions {
  /** A state file (JSON text) to plan against; the plan then skips refreshing (nothing to ask AWS). */
  readonly state?: string;
}

/**
 * An offline plan of the stack in `dir`: overrides (written into this working copy only)
 * swap the backend for a local one and give every aws provider configuration dummy keys
 * and the skip_* flags. Returns `terraform show -json` of the plan.
 */
export function planJson(dir: string, stackJson: string, options: PlanOptions = {}): PlanJson {
  writeFileSync(join(dir, "harness_override.tf.json"), JSON.stringify(offlineOverrides(JSON.parse(stackJson).provider?.aws ?? []), null, 2));
  if (options.state !== undefined) writeFileSync(join(dir, "terraform.tfstate"), options.state);
  mustSucceed(dir, ["plan", "-input=false", "-no-color", "-lock=false", "-refresh=false", "-out=plan.bin"], singleProviderInUse(stackJson, options.state));
  return JSON.parse(mustSucceed(dir, ["show", "-json", "plan.bin"], true).stdout) as PlanJson;
}

/** One resource as `terraform plan -json` (the machine-readable UI stream) reports it. */
export interface StreamedChange {
  readonly address: string;
  readonly action: "create" | "update" | "replace" | "delete" | "forget" | "no-op";
  readonly movedFrom?: string;
  readonly importId?: string;
}

/**
 * The same offline plan, read from terraform's machine-readable UI stream (`plan -json`)
 * instead of `show -json`: one provider start fewer, and only actions and addresses.
 */
export function planStream(dir: string, stackJson: string, options: PlanOptions = {}): StreamedChange[] {
  writeFileSync(join(dir, "harness_override.tf.json"), JSON.stringify(offlineOverrides(JSON.parse(stackJson).provider?.aws ?? []), null, 2));
  if (options.state !== undefined) writeFileSync(join(dir, "terraform.tfstate"), options.state);
  const result = mustSucceed(
    dir,
    ["plan", "-json", "-input=false", "-no-color", "-lock=false", "-refresh=false", "-out=plan.bin"],
    singleProviderInUse(stackJson, options.state),
  );
  const actions: Record<string, StreamedChange["action"]> = {
    create: "create",
    update: "update",
    replace: "replace",
    delete: "delete",
    remove: "forget",
    move: "no-op",
    import: "no-op",
  };
  const changes: StreamedChange[] = [];
  for (const line of result.stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    const message = JSON.parse(line) as {
      type: string;
      change?: { resource: { addr: string }; previous_resource?: { addr: string }; action: string; importing?: { id: string } };
    };
    if (message.type !== "planned_change" || !message.change) continue;
    const action = actions[message.change.action];
    if (!action) throw new Error(`unexpected planned_change action ${message.change.action}`);
    changes.push({ address: message.change.resource.addr, action, movedFrom: message.change.previous_resource?.addr, importId: message.change.importing?.id });
  }
  return changes.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** Planned changes of a fresh stack (no state), sorted by address. */
export function plan(dir: string, stackJson: string): PlannedChange[] {
  return plannedChanges(planJson(dir, stackJson));
}

export function plannedChanges(shown: PlanJson): PlannedChange[] {
  return (shown.resource_changes ?? [])
    .map((change) => ({ address: change.address, actions: change.change.actions, after: change.change.after ?? {} }))
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** The aws provider configurations of a synthesized JSON stack: "" for the default one, then each alias. */
export function providerAliases(stackJson: string): string[] {
  const providers = (JSON.parse(stackJson).provider?.aws ?? []) as { alias?: string }[];
  return providers.map((provider) => provider.alias ?? "");
}

/** Runs `body` in a fresh working copy that is removed afterwards. */
export function inWorkingCopy<T>(files: Record<string, string>, body: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "cis-tf-stack-"));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    linkInitialized(dir);
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A scratch folder for a test's files, removed after the test file. */
export function scratchFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "cis-tf-scratch-"));
  workingCopies.push(dir);
  mkdirSync(dir, { recursive: true });
  return dir;
}
