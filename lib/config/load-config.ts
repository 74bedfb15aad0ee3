import { existsSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { projectRoot } from "../source/paths";
import { AccountSettings } from "./account-settings";
import { regionProblem } from "../model/aws-facts";
import { documentSetting } from "./defaults";
import { didYouMean } from "../source/did-you-mean";
import { Organization, buildAccount } from "./build-account";
import { ScannerData, ScannerId, loadScanners } from "../scanners/scanner-data";
import { ARN_RULES, checkBucketName, checkLogGroupName } from "./formats";
import { RuleCatalog, builtInPackFiles, loadRulePacks } from "./load-packs";
import { parseSource, readSource, reportSchemaIssues } from "../source/read-source";
import { AccountModel, CloudBackend, Model, S3Backend, StateBackend } from "../model/model";
import { ProblemList } from "../source/problems";
import { stacksOf } from "../model/stack-names";
import { pruneInvalid, touchesRemoved } from "./prune";
import { CONFIG_SCHEMA } from "./schema";
import { YamlSource } from "../source/yaml-source";

export interface LoadedConfig {
  readonly model: Model;
  readonly catalog: RuleCatalog;
  /** The compliance scanners' conditions (rules/scanners/), which decided the scanner variants. */
  readonly scanners: ReadonlyMap<ScannerId, ScannerData>;
}

/**
 * Reads a deployment config and the rule packs, validates everything, and returns the
 * model. Throws InvalidInputError listing every problem (file:line:column: field: message).
 */
export interface LoadOptions {
  /** The config's text, instead of the file's (the file's path still names it, and places its relative paths). */
  readonly text?: string;
}

export function loadConfig(configFile: string, root = projectRoot(), options: LoadOptions = {}): LoadedConfig {
  const problems = new ProblemList();
  const display = (file: string) => {
    const rel = relative(process.cwd(), file);
    return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
  };
  const configPath = resolve(configFile);
  const source = options.text === undefined ? readSource(configPath, display(configPath), problems) : parseSource(display(configPath), options.text, problems);
  problems.throwIfAny();
  // The schema's refusals are reported; the rest of the config is still checked (see prune.ts).
  const issues = reportSchemaIssues(source!, CONFIG_SCHEMA, problems);
  // A document that is not a mapping at all has nothing else to check.
  if (typeof source!.value !== "object" || source!.value === null || Array.isArray(source!.value)) problems.throwIfAny();
  const pruned = pruneInvalid(source!.value, issues, "accounts");
  const config = pruned.value as {
    rule_packs?: string[];
    accounts?: unknown[];
    backend?: { s3?: Record<string, unknown>; cloud?: Record<string, unknown> };
    organization_trail?: Record<string, unknown>;
  };
  const afterSchema = problems.mark();

  const packFiles = builtInPackFiles(root);
  let missingPacks = false;
  (config.rule_packs ?? []).forEach((file, index) => {
    const path = resolve(dirname(configPath), file);
    if (!existsSync(path)) {
      problems.add(source!.locate(["rule_packs", index]), `rule_packs[${index}]`, `rule pack file ${file} not found`);
      missingPacks = true;
    } else if (!packFiles.includes(path)) packFiles.push(path);
  });
  const loaded = loadRulePacks(packFiles, problems, display);
  const catalog = { ...loaded, incomplete: loaded.incomplete || missingPacks || issues.some((issue) => issue.path[0] === "rule_packs") };

  const warnings: string[] = [];
  const organization = { ...readOrganization(config, source!, problems), scanners: loadScanners(root, problems) };
  const accounts: AccountModel[] = [];
  (config.accounts ?? []).forEach((raw, index) => {
    const name = (raw as { name?: unknown } | undefined)?.name;
    if (pruned.skipped.has(index) || typeof name !== "string") return;
    const settings = new AccountSettings(source!, index, pruned.value);
    try {
      accounts.push(problems.within(name, () => buildAccount(settings, catalog, problems, warnings, organization)));
    } catch (error) {
      // Only refused input can make building fail; those problems are already reported.
      if (issues.length === 0) throw error;
    }
  });
  if (issues.length === 0) checkAccountsDistinct(accounts, source!, problems);
  let backend: StateBackend | undefined;
  try {
    if (config.backend?.s3 && config.backend.cloud) {
      problems.add(
        source!.locate(["backend", "cloud"]),
        "backend.cloud",
        "give one backend: s3 or cloud (an HCP Terraform or Terraform Enterprise workspace per stack)",
      );
    }
    backend = config.backend?.s3
      ? buildBackend(config.backend.s3, source!, problems)
      : config.backend?.cloud
        ? buildCloudBackend(config.backend.cloud, accounts, source!, problems)
        : undefined;
  } catch (error) {
    if (issues.length === 0) throw error;
  }
  // Checked with the rest, so that fixing one mistake never reveals another that was there all along.
  const central = accounts.find((account) => account.monitoring === "central");
  if (organization.trail && central) checkPerAccountAlarms(organization.trail.perAccountAlarms, central, config.accounts ?? [], source!, problems);
  problems.discardSince(afterSchema, (problem) => touchesRemoved(problem.field, pruned.removed));
  problems.throwIfAny();
  return {
    model: {
      organizationTrail: organization.trail && central?.logGroup ? { ...organization.trail, logGroup: central.logGroup.name } : undefined,
      accounts: [...accounts].sort((a, b) => a.name.localeCompare(b.name)),
      backend,
      // A warning about a shared default (a placeholder endpoint in defaults) is given once, not once per account.
      warnings: [...new Set(warnings)],
    },
    catalog,
    scanners: organization.scanners,
  };
}

/** The organization trail and the accounts per-account alarms can name. */
function readOrganization(
  config: { organization_trail?: Record<string, unknown>; accounts?: unknown[] },
  source: YamlSource,
  problems: ProblemList,
): Organization {
  const raw = (config.accounts ?? []) as { name?: unknown; id?: unknown }[];
  const accounts = raw
    .filter((account): account is { name: string; id: string } => typeof account?.name === "string" && typeof account.id === "string")
    .map(({ name, id }) => ({ name, id }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const trail = config.organization_trail;
  if (!trail) return { accounts };
  const names = raw.map((account) => account?.name).filter((name): name is string => typeof name === "string");
  const central = trail.account;
  // A wrong type is the schema's refusal, already reported.
  if (typeof central !== "string") return { accounts };
  if (!names.includes(central)) {
    problems.add(
      source.locate(["organization_trail", "account"]),
      "organization_trail.account",
      `no account is named "${central}"${didYouMean(central, names)}; accounts: ${names.join(", ")}`,
    );
  }
  const controlTower = documentSetting<boolean>(trail, ["organization_trail", "control_tower"]);
  if (typeof trail.log_group === "string") {
    const problem = checkLogGroupName(trail.log_group);
    if (problem) problems.add(source.locate(["organization_trail", "log_group"]), "organization_trail.log_group", problem);
  }
  return {
    accounts,
    trail: {
      account: central,
      controlTower,
      logGroup: trail.log_group as string | undefined,
      perAccountAlarms: documentSetting<readonly string[]>(trail, ["organization_trail", "per_account_alarms"]),
    },
  };
}

/** Per-account alarms need their rules enabled in the central account, and every account's id (the dimension values). */
function checkPerAccountAlarms(ids: readonly string[], central: AccountModel, accounts: readonly unknown[], source: YamlSource, problems: ProblemList): void {
  ids.forEach((id, index) => {
    if (!central.rules.some((rule) => rule.id === id)) {
      const field = `organization_trail.per_account_alarms[${index}]`;
      problems.add(
        source.locate(["organization_trail", "per_account_alarms", index]),
        field,
        `rule "${id}" is not enabled in ${central.name}, the organization trail's account${didYouMean(
          id,
          central.rules.map((rule) => rule.id),
        )}`,
      );
    }
  });
  if (ids.length === 0) return;
  accounts.forEach((account, index) => {
    if (typeof (account as { id?: unknown })?.id !== "string") {
      problems.add(
        source.locate(["accounts", index]),
        `accounts[${index}].id`,
        "organization_trail.per_account_alarms needs every account's id: an alarm watches each account's events by its id",
      );
    }
  });
}

function checkAccountsDistinct(accounts: readonly AccountModel[], source: YamlSource, problems: ProblemList): void {
  const names = new Map<string, number>();
  const ids = new Map<string, number>();
  const regionalStacks = new Map(accounts.flatMap((account, index) => account.stacks.regional.map((stack) => [stack.name, index] as const)));
  accounts.forEach((account, index) => {
    const owner = regionalStacks.get(account.name);
    if (owner !== undefined) {
      problems.add(
        source.locate(["accounts", index, "name"]),
        `accounts[${index}].name`,
        `account name "${account.name}" is the name of accounts[${owner}]'s regional stack (${account.name}); choose another name`,
      );
    }
    const earlierName = names.get(account.name);
    if (earlierName !== undefined) {
      problems.add(
        source.locate(["accounts", index, "name"]),
        `accounts[${index}].name`,
        `account name "${account.name}" is also used by accounts[${earlierName}]; names must be unique (they name the stacks)`,
      );
    } else names.set(account.name, index);
    if (account.accountId === undefined) return;
    const earlierId = ids.get(account.accountId);
    if (earlierId !== undefined) {
      problems.add(
        source.locate(["accounts", index, "id"]),
        `accounts[${index}].id`,
        `account id ${account.accountId} is also used by accounts[${earlierId}]; two stacks would fight over the same account-wide resources`,
      );
    } else ids.set(account.accountId, index);
  });
}

function buildBackend(raw: Record<string, unknown>, source: YamlSource, problems: ProblemList): S3Backend {
  const at = (field: string) => source.locate(["backend", "s3", field]);
  const bucket = raw.bucket as string;
  const bucketProblem = checkBucketName(bucket);
  if (bucketProblem) problems.add(at("bucket"), "backend.s3.bucket", bucketProblem);
  const region = raw.region as string;
  const regionIssue = regionProblem(region);
  if (regionIssue) problems.add(at("region"), "backend.s3.region", regionIssue);
  const keyPrefix = documentSetting<string>(raw, ["backend", "s3", "key_prefix"]);
  if (!/^[A-Za-z0-9!_.*'()/-]*$/.test(keyPrefix) || keyPrefix.startsWith("/") || keyPrefix.endsWith("/")) {
    problems.add(at("key_prefix"), "backend.s3.key_prefix", "must be a relative S3 key prefix without leading or trailing /");
  }
  const roleArn = raw.role_arn as string | undefined;
  if (roleArn !== undefined) {
    const problem = ARN_RULES.iamRole(roleArn);
    if (problem) problems.add(at("role_arn"), "backend.s3.role_arn", problem);
  }
  return {
    kind: "s3",
    bucket,
    keyPrefix,
    region,
    dynamodbTable: raw.dynamodb_table as string | undefined,
    useLockfile: (raw.use_lockfile as boolean | undefined) ?? raw.dynamodb_table === undefined,
    encrypt: documentSetting<boolean>(raw, ["backend", "s3", "encrypt"]),
    roleArn,
  };
}

/**
 * HCP Terraform or Terraform Enterprise: every stack in a workspace of its own, named after
 * the stack, so each plans, applies and locks on its own (HCP Terraform workspace names are
 * at most 90 letters, digits, - and _).
 */
function buildCloudBackend(raw: Record<string, unknown>, accounts: readonly AccountModel[], source: YamlSource, problems: ProblemList): CloudBackend {
  const prefix = documentSetting<string>(raw, ["backend", "cloud", "workspace_prefix"]);
  const longest = accounts.flatMap((account) => stacksOf(account.stacks)).sort((a, b) => b.length - a.length)[0];
  if (longest !== undefined && prefix.length + longest.length > CLOUD_WORKSPACE_NAME_MAX) {
    problems.add(
      source.locate(["backend", "cloud", raw.workspace_prefix === undefined ? "organization" : "workspace_prefix"]),
      "backend.cloud.workspace_prefix",
      `the workspace of stack ${longest} would be ${prefix}${longest}, ${prefix.length + longest.length} characters; HCP Terraform allows ${CLOUD_WORKSPACE_NAME_MAX}`,
    );
  }
  return {
    kind: "cloud",
    hostname: documentSetting<string>(raw, ["backend", "cloud", "hostname"]),
    organization: raw.organization as string,
    project: raw.project as string | undefined,
    workspacePrefix: prefix,
  };
}

const CLOUD_WORKSPACE_NAME_MAX = 90;
