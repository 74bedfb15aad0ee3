import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Runs the real terraform binary offline against synthesized stacks. Providers come from a
 * local filesystem mirror through a CLI config written here (never the user's); one plugin
 * cache is shared by every stack so the 600 MB provider is copied once. Overrides that make
 * plan work without AWS are written into a copy of the stack, never into cdktf.out.
 */

const PROVIDER = "registry.terraform.io/hashicorp/aws";
const PROVIDER_VERSION = "5.100.0";

export type TerraformAvailability = { available: true; binary: string; version: string; mirror: string } | { available: false; reason: string };

let cached: TerraformAvailability | undefined;

export function terraformAvailability(): TerraformAvailability {
  if (cached) return cached;
  const version = spawnSync("terraform", ["version", "-json"], { encoding: "utf8", env: terraformEnv() });
  if (version.error || version.status !== 0) {
    return (cached = { available: false, reason: "the terraform binary is not on the PATH" });
  }
  const mirror = findMirror();
  if (!mirror) {
    return (cached = {
      available: false,
      reason: `no filesystem mirror holding ${PROVIDER} ${PROVIDER_VERSION} (set CIS_TF_PROVIDER_MIRROR to the folder that contains registry.terraform.io)`,
    });
  }
  return (cached = { available: true, binary: "terraform", version: JSON.parse(version.stdout).terraform_version, mirror });
}

function findMirror(): string | undefined {
  const candidates = [
    process.env.CIS_TF_PROVIDER_MIRROR,
    "/opt/tf-plugins",
    join(homedir(), ".terraform.d", "plugins"),
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
  ].filter((dir): dir is string => Boolean(dir));
  return candidates.find((dir) => existsSync(join(dir, PROVIDER, PROVIDER_VERSION)));
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
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  if (cliConfig) env.TF_CLI_CONFIG_FILE = cliConfig;
  return env;
}

function ensureCliConfig(mirror: string): void {
  if (cliConfig) return;
  const dir = mkdtempSync(join(tmpdir(), "cis-tf-cli-"));
  const cache = join(tmpdir(), "cis-baseline-terraform-plugin-cache");
  mkdirSync(cache, { recursive: true });
  cliConfig = join(dir, "terraformrc");
  writeFileSync(
    cliConfig,
    [
      "provider_installation {",
      "  filesystem_mirror {",
      `    path    = ${JSON.stringify(mirror)}`,
      `    include = [${JSON.stringify(PROVIDER)}]`,
      "  }",
      "  direct {",
      `    exclude = [${JSON.stringify(PROVIDER)}]`,
      "  }",
      "}",
      `plugin_cache_dir = ${JSON.stringify(cache)}`,
      "",
    ].join("\n"),
  );
}

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function terraform(dir: string, args: string[]): CommandResult {
  const availability = terraformAvailability();
  if (!availability.available) throw new Error(availability.reason);
  ensureCliConfig(availability.mirror);
  const result = spawnSync(availability.binary, args, { cwd: dir, encoding: "utf8", env: terraformEnv(), maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function mustSucceed(dir: string, args: string[]): CommandResult {
  const result = terraform(dir, args);
  if (result.status !== 0) throw new Error(`terraform ${args.join(" ")} failed in ${dir}:\n${result.stderr}${result.stdout}`);
  return result;
}

/** A private working copy of one synthesized stack file (cdk.tf.json or cdk.tf). */
export function workingCopy(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cis-tf-stack-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
}

/** terraform init (no backend) + validate; returns every diagnostic, warnings included. */
export function validate(dir: string): { valid: boolean; diagnostics: Diagnostic[] } {
  mustSucceed(dir, ["init", "-backend=false", "-input=false", "-no-color"]);
  const result = terraform(dir, ["validate", "-json", "-no-color"]);
  const parsed = JSON.parse(result.stdout) as { valid: boolean; diagnostics: Diagnostic[] };
  return { valid: parsed.valid, diagnostics: parsed.diagnostics };
}

export interface PlannedChange {
  readonly address: string;
  readonly actions: readonly string[];
  /** The planned attribute values (known ones). */
  readonly after: Record<string, unknown>;
}

/**
 * An offline plan: overrides (written into this working copy only) swap the backend for a
 * local one and give every aws provider configuration dummy keys and the skip_* flags.
 * Returns the planned changes, sorted by address.
 */
export function plan(dir: string, aliases: readonly string[]): PlannedChange[] {
  writeFileSync(join(dir, "harness_override.tf.json"), JSON.stringify(offlineOverrides(aliases), null, 2));
  mustSucceed(dir, ["init", "-input=false", "-no-color", "-reconfigure"]);
  mustSucceed(dir, ["plan", "-input=false", "-no-color", "-lock=false", "-out=plan.bin"]);
  const shown = JSON.parse(mustSucceed(dir, ["show", "-json", "plan.bin"]).stdout) as {
    resource_changes?: { address: string; change: { actions: string[]; after: Record<string, unknown> | null } }[];
  };
  return (shown.resource_changes ?? [])
    .map((change) => ({ address: change.address, actions: change.change.actions, after: change.change.after ?? {} }))
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

function offlineOverrides(aliases: readonly string[]): unknown {
  const offline = {
    access_key: "AKIAOFFLINEEXAMPLE00",
    secret_key: "offline-dummy-secret",
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: "true",
    // allowed_account_ids needs the account id, which offline runs never request.
    allowed_account_ids: null,
    // Overrides cannot delete a block; an empty role_arn makes the provider skip AssumeRole.
    assume_role: [{ role_arn: "" }],
  };
  return {
    terraform: { backend: { local: { path: "terraform.tfstate" } } },
    provider: { aws: aliases.map((alias) => (alias ? { alias, ...offline } : offline)) },
  };
}

/** The aws provider configurations of a synthesized JSON stack: "" for the default one, then each alias. */
export function providerAliases(stackJson: string): string[] {
  const providers = (JSON.parse(stackJson).provider?.aws ?? []) as { alias?: string }[];
  return providers.map((provider) => provider.alias ?? "");
}
