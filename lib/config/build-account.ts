import { pipelineAccessOf } from "./pipeline-role";
import { AccountSettings } from "./account-settings";
import { CONTROL_TOWER_LOG_GROUP, SecurityHubStandard, partitionOf, regionProblem } from "../model/aws-facts";
import { ScannerData, ScannerId } from "../scanners/scanner-data";
import { MIN_RETENTION_DAYS } from "../model/controls";
import { DEFAULTS } from "./defaults";
import { buildTopics } from "./build-topics";
import { buildDashboard } from "./build-dashboard";
import { checkAddresses } from "./check-addresses";
import { deployRules } from "./deploy-rules";
import { ARN_RULES, checkAnalyzerName, checkBucketName, checkLogGroupName, checkRoleName, checkTagKey, checkTagValue, checkTrailName } from "./formats";
import { RuleCatalog } from "./load-packs";
import {
  AccessAnalyzerSettings,
  AccountModel,
  LogGroup,
  Monitoring,
  OrganizationTrail,
  PasswordPolicy,
  SourceAccount,
  SourceRef,
  TrailSettings,
} from "../model/model";
import { ProblemList, formatProblem } from "../source/problems";
import { selectRules } from "./select-rules";
import { stackNamesOf } from "../model/stack-names";
import { FieldPath } from "../source/yaml-source";

/** What an account's model depends on beyond its own settings: the organization it is part of. */
export interface Organization {
  /** The organization trail, when the config declares one (its log group may come from the central account). */
  readonly trail?: Omit<OrganizationTrail, "logGroup"> & { readonly logGroup?: string };
  /** Every account with an id: the dimension values of per-account alarms. */
  readonly accounts: readonly SourceAccount[];
  /** The compliance scanners' conditions (rules/scanners/), which decide the extra filters. */
  readonly scanners?: ReadonlyMap<ScannerId, ScannerData>;
}

/** Builds one account's model from its merged settings; problems are collected, not thrown. */
export function buildAccount(
  settings: AccountSettings,
  catalog: RuleCatalog,
  problems: ProblemList,
  warnings: string[],
  organization: Organization = { accounts: [] },
): AccountModel {
  const report = (path: FieldPath, message: string) => {
    const where: SourceRef = settings.where(path);
    problems.add(where, where.field, message);
  };
  const name = settings.get<string>(["name"])!;
  /** A warning at the setting it is about (in defaults when the account inherits it), naming the account. */
  const warn = (path: FieldPath, message: string) => {
    const where = settings.where(path);
    warnings.push(formatProblem({ location: where, field: where.field, message: `account ${name}: ${message}` }));
  };
  const accountId = settings.get<string>(["id"]);
  const region = settings.get<string>(["region"])!;
  checkRegion(region, ["region"], report);
  const roleArn = settings.get<string>(["role_arn"]);
  if (roleArn !== undefined) {
    const problem = ARN_RULES.iamRole(roleArn);
    if (problem) report(["role_arn"], problem);
  }

  const tags: Record<string, string> = {};
  for (const key of settings.keys(["tags"]).sort()) {
    const problem = checkTagKey(key) ?? checkTagValue(settings.get<string>(["tags", key])!);
    if (problem) report(["tags", key], problem);
    // defineProperty: a tag named __proto__ is a tag, not the object's prototype.
    Object.defineProperty(tags, key, { value: settings.get<string>(["tags", key])!, enumerable: true, writable: true, configurable: true });
  }
  if (Object.keys(tags).length > 50) report(["tags"], "AWS resources take at most 50 tags");

  const monitoring = monitoringOf(name, settings, organization);
  const trail = buildTrail(settings, accountId, report);
  const logGroup =
    monitoring === "none" ? undefined : buildLogGroup(settings, trail !== undefined, report, monitoring === "central" ? organization.trail : undefined, warn);
  if (logGroup?.mode === "create" && logGroup.retentionDays < MIN_RETENTION_DAYS) {
    warn(
      ["log_group", "retention_days"],
      `log group ${logGroup.name} keeps events ${logGroup.retentionDays} days; Security Hub CloudWatch.16, Prowler and Steampipe want at least ${MIN_RETENTION_DAYS}`,
    );
  }
  if (logGroup && monitoring !== "central" && logGroup.name.startsWith(CONTROL_TOWER_LOG_GROUP)) {
    report(
      ["log_group", "name"],
      `${CONTROL_TOWER_LOG_GROUP} is AWS Control Tower's organization trail log group, which exists only in the management account; monitor it there with organization_trail: { account: <management account>, control_tower: true }, which covers every account`,
    );
  }
  if (monitoring === "central" && organization.trail?.controlTower && settings.value<string>(["organization_role"]) !== "management") {
    report(
      ["organization_role"],
      `Control Tower delivers its organization trail to ${CONTROL_TOWER_LOG_GROUP} in the management account, but this account (organization_trail.account) is not organization_role: management; if you forward the trail's events elsewhere, set organization_trail.log_group and control_tower: false`,
    );
  }
  if (monitoring === "none") reportIgnoredMonitoring(settings, organization.trail!.account, report);
  // An account another account watches centrally has no alarms, so no topics either.
  const topics = monitoring === "none" ? [] : buildTopics(settings, region, problems, (warning) => warnings.push(warning));
  const selected = monitoring === "none" ? [] : selectRules(settings, catalog, problems);
  const perAccount = monitoring === "central" ? new Set(organization.trail?.perAccountAlarms ?? []) : new Set<string>();
  const scanners = settings.value<readonly ScannerId[]>(["compliance", "scanners"]);
  const rules = deployRules(
    selected,
    catalog,
    topics,
    settings,
    problems,
    { perAccount, sourceAccounts: organization.accounts, central: monitoring === "central" ? logGroup?.name : undefined },
    { selected: scanners, data: organization.scanners ?? new Map() },
  );

  checkAddresses(rules, topics, settings, (where, message) => problems.add(where, where.field, message));

  const notified = new Set(rules.map((rule) => rule.topic));
  for (const topic of topics) {
    if (notified.has(topic.key) && topic.subscriptions.length === 0 && !topic.chatbot) {
      report(
        ["topics", topic.key],
        `topic "${topic.key}" receives alarms but has no subscriptions or chatbot channel: nobody would be notified (and Security Hub's CloudWatch checks fail)`,
      );
    }
    if (!notified.has(topic.key)) warn(["topics", topic.key], `topic "${topic.key}" receives no alarms`);
  }
  if (rules.length > 0 && topics.length === 0) report(["topics"], "no topics are defined, so the alarms would notify nobody");

  const homePartition = partitionOf(region);
  const regions = [...settings.value<readonly string[]>(["regions"])].sort();
  (settings.get<string[]>(["regions"]) ?? []).forEach((entry, index) => {
    if (checkRegion(entry, ["regions", index], report) && partitionOf(entry) !== homePartition) {
      report(["regions", index], `${entry} is in partition ${partitionOf(entry)}, but the account's home region ${region} is in ${homePartition}`);
    }
  });

  return {
    name,
    stacks: stackNamesOf(name, homePartition),
    decommission: settings.value<boolean>(["decommission"]),
    monitoring,
    scanners,
    securityHub: {
      enabled: settings.value<boolean>(["security_hub", "enabled"]),
      standards: settings.value<readonly SecurityHubStandard[]>(["security_hub", "standards"]),
    },
    accountId,
    region,
    partition: homePartition,
    roleArn,
    tags,
    logGroup,
    namespace: settings.value<string>(["namespace"]),
    rules,
    topics,
    regions,
    accessAnalyzer: buildAccessAnalyzer(settings, report, warn),
    passwordPolicy: buildPasswordPolicy(settings, report, warn),
    trail,
    pipeline: pipelineAccessOf(settings, accountId, homePartition, report),
    dashboard: monitoring === "none" ? undefined : buildDashboard(settings, rules, report),
  };
}

/** Settings that only shape filters, alarms and topics: an account an organization trail covers has none of those. */
const MONITORING_SETTINGS = ["rules", "overrides", "alarm", "namespace", "compliance", "topics", "dashboard"] as const;

/**
 * Under an organization trail, a member's events alarm in the trail's account, with that
 * account's rules, overrides and topics. The member's own monitoring settings would do
 * nothing: each is an error at the line that sets it (a null topic, which turns an
 * inherited one off, is fine). Shared settings in `defaults` reach the trail's account.
 */
function reportIgnoredMonitoring(settings: AccountSettings, central: string, report: (path: FieldPath, message: string) => void): void {
  for (const key of MONITORING_SETTINGS) {
    if (!settings.ownedByAccount([key])) continue;
    if (key === "topics" && settings.keys(["topics"]).every((topic) => !settings.ownedByAccount(["topics", topic]) || settings.get(["topics", topic]) === null))
      continue;
    report(
      [key],
      `has no effect: under organization_trail this account's events alarm in ${central}, with ${central}'s rules, overrides and topics; set it on ${central} (or in defaults), or give this account a log_group of its own to monitor it here`,
    );
  }
}

function checkRegion(region: string, path: FieldPath, report: (path: FieldPath, message: string) => void): boolean {
  const problem = regionProblem(region);
  if (problem) report(path, problem);
  return problem === undefined;
}

/**
 * Under an organization trail, its account watches the trail's log group for everyone; an
 * account that sets its own log_group still watches that one; any other has nothing to watch.
 */
function monitoringOf(name: string, settings: AccountSettings, organization: Organization): Monitoring {
  if (!organization.trail) return "local";
  if (name === organization.trail.account) return "central";
  return settings.ownedByAccount(["log_group"]) ? "local" : "none";
}

/**
 * The log group the filters go on. Under an organization trail, its account's group is the
 * trail's: organization_trail.log_group, else the account's own log_group.name, else, for
 * Control Tower, the one group named aws-controltower/CloudTrailLogs or that with landing
 * zone 4.0's suffix, found when the plan runs (without the lookup, the name before 4.0, with
 * a warning).
 */
function buildLogGroup(
  settings: AccountSettings,
  trailCreatesIt: boolean,
  report: (path: FieldPath, message: string) => void,
  organizationTrail: Organization["trail"] | undefined,
  warn: (path: FieldPath, message: string) => void,
): LogGroup {
  const get = <T>(field: string) => settings.get<T>(["log_group", field]);
  const value = <T>(field: string) => settings.value<T>(["log_group", field]);
  const named = organizationTrail?.logGroup ?? get<string>("name");
  const controlTower = organizationTrail?.controlTower === true && named === undefined;
  const name = named ?? (controlTower ? CONTROL_TOWER_LOG_GROUP : settings.value<string>(["log_group", "name"]));
  // The organization trail's own log_group is checked where it is written (load-config.ts).
  const problem = organizationTrail?.logGroup === undefined ? checkLogGroupName(name) : undefined;
  if (problem) report(["log_group", "name"], problem);
  const explicitMode = get<"existing" | "create">("mode");
  if (trailCreatesIt && explicitMode === "existing") {
    report(["log_group", "mode"], "cloudtrail.create makes the stack create the trail's log group; remove mode: existing");
  }
  const mode = trailCreatesIt ? "create" : settings.value<"existing" | "create">(["log_group", "mode"]);
  if (mode === "existing") {
    for (const field of ["retention_days", "kms_key_arn"]) {
      if (settings.ownedByAccount(["log_group", field])) {
        report(["log_group", field], `${field} applies only when the stack creates the log group (mode: create)`);
      }
    }
    const lookup = value<boolean>("lookup");
    if (controlTower && !lookup) {
      warn(
        ["log_group", "lookup"],
        `Control Tower's log group is taken to be ${CONTROL_TOWER_LOG_GROUP}, its name before landing zone 4.0, since log_group.lookup is off; on a 4.0 landing zone the name has a suffix (${CONTROL_TOWER_LOG_GROUP}-tfw-...): set organization_trail.log_group to it`,
      );
    }
    return { mode, name, lookup, namePrefix: controlTower && lookup ? CONTROL_TOWER_LOG_GROUP : undefined };
  }
  // A shared default may not fit every account; only the account's own inapplicable keys are errors.
  if (settings.ownedByAccount(["log_group", "lookup"])) report(["log_group", "lookup"], "lookup applies only to an existing log group");
  const kmsKeyArn = get<string>("kms_key_arn");
  if (kmsKeyArn !== undefined) {
    const kmsProblem = ARN_RULES.kmsKey(kmsKeyArn);
    if (kmsProblem) report(["log_group", "kms_key_arn"], kmsProblem);
  }
  return { mode, name, retentionDays: value<number>("retention_days"), kmsKeyArn };
}

function buildAccessAnalyzer(
  settings: AccountSettings,
  report: (path: FieldPath, message: string) => void,
  warn: (path: FieldPath, message: string) => void,
): AccessAnalyzerSettings {
  const get = <T>(field: string) => settings.get<T>(["access_analyzer", field]);
  const value = <T>(field: string) => settings.value<T>(["access_analyzer", field]);
  const type = value<"ACCOUNT" | "ORGANIZATION">("type");
  const role = settings.value<string>(["organization_role"]);
  if (type === "ORGANIZATION" && role === "member") {
    report(
      ["access_analyzer", "type"],
      "an ORGANIZATION analyzer can only be created in the organization's management account or a delegated administrator account for Access Analyzer; set organization_role: management (or delegated-admin) on this account, or use type ACCOUNT",
    );
  }
  const name = value<string>("name");
  const problem = checkAnalyzerName(name);
  if (problem) report(["access_analyzer", "name"], problem);
  const importExisting = value<boolean>("import_existing");
  if (importExisting && !settings.get<string>(["id"]) && settings.value<boolean>(["security_hub", "enabled"])) {
    report(["access_analyzer", "import_existing"], "import_existing adopts Security Hub too, which terraform imports by the account id: set the account's id");
  }
  if (importExisting)
    warn(
      ["access_analyzer", "import_existing"],
      "access_analyzer.import_existing is set: remove it once the regional stacks have imported the analyzers (a region added while it is set would try to import an analyzer that does not exist)",
    );
  return {
    enabled: value<boolean>("enabled"),
    importExisting,
    type,
    name,
    unusedAccessAgeDays: get<number>("unused_access_age_days"),
  };
}

/** CIS's password policy (the defaults); Security Hub IAM.16 wants exactly 24 remembered passwords. */
const CIS = DEFAULTS.password_policy;

function buildPasswordPolicy(
  settings: AccountSettings,
  report: (path: FieldPath, message: string) => void,
  warn: (path: FieldPath, message: string) => void,
): PasswordPolicy {
  const get = <T>(field: string) => settings.get<T>(["password_policy", field]);
  const value = <T>(field: string) => settings.value<T>(["password_policy", field]);
  const policy: PasswordPolicy = {
    enabled: value<boolean>("enabled"),
    minimumLength: value<number>("minimum_length"),
    reusePrevention: value<number>("reuse_prevention"),
    requireUppercase: value<boolean>("require_uppercase"),
    requireLowercase: value<boolean>("require_lowercase"),
    requireNumbers: value<boolean>("require_numbers"),
    requireSymbols: value<boolean>("require_symbols"),
    allowUsersToChange: value<boolean>("allow_users_to_change"),
    maxAgeDays: get<number>("max_age_days"),
    hardExpiry: value<boolean>("hard_expiry"),
  };
  if (!policy.enabled) return policy;
  const weaker: [string, string][] = [];
  if (policy.minimumLength < CIS.minimum_length) weaker.push(["minimum_length", `minimum_length ${policy.minimumLength} is below CIS's ${CIS.minimum_length}`]);
  if (policy.reusePrevention < CIS.reuse_prevention) {
    weaker.push([
      "reuse_prevention",
      `reuse_prevention ${policy.reusePrevention} is below ${CIS.reuse_prevention} (Security Hub IAM.16 fails on any other value)`,
    ]);
  }
  for (const [field, value] of [
    ["require_uppercase", policy.requireUppercase],
    ["require_lowercase", policy.requireLowercase],
    ["require_numbers", policy.requireNumbers],
    ["require_symbols", policy.requireSymbols],
  ] as const) {
    if (!value) weaker.push([field, `${field}: false is weaker than CIS (Security Hub IAM.7)`]);
  }
  const allowWeaker = value<boolean>("allow_weaker");
  for (const [field, message] of weaker) {
    if (allowWeaker) warn(["password_policy", field], `password policy ${message} (allowed by allow_weaker)`);
    else report(["password_policy", field], `${message}; set password_policy.allow_weaker: true to accept it`);
  }
  return policy;
}

function buildTrail(settings: AccountSettings, accountId: string | undefined, report: (path: FieldPath, message: string) => void): TrailSettings | undefined {
  const get = <T>(field: string) => settings.get<T>(["cloudtrail", field]);
  const value = <T>(field: string) => settings.value<T>(["cloudtrail", field]);
  if (!value<boolean>("create")) {
    for (const field of ["trail_name", "bucket_name", "role_name", "kms_key_arn"]) {
      if (get(field) !== undefined) report(["cloudtrail", field], `${field} applies only with cloudtrail.create: true`);
    }
    return undefined;
  }
  const name = value<string>("trail_name");
  const trailProblem = checkTrailName(name);
  if (trailProblem) report(["cloudtrail", "trail_name"], trailProblem);
  const bucketName = value<string>("bucket_name");
  if (get<string>("bucket_name") === undefined && accountId === undefined) {
    report(
      ["cloudtrail", "create"],
      "set cloudtrail.bucket_name or the account id: S3 bucket names are global, so the default <name_prefix>cloudtrail-<account id> needs the id",
    );
  }
  const bucketProblem = checkBucketName(bucketName);
  if (bucketProblem) report(["cloudtrail", get("bucket_name") === undefined ? "create" : "bucket_name"], bucketProblem);
  const roleName = value<string>("role_name");
  const roleProblem = checkRoleName(roleName);
  if (roleProblem) report(["cloudtrail", "role_name"], roleProblem);
  const kmsKeyArn = get<string>("kms_key_arn");
  if (kmsKeyArn !== undefined) {
    const kmsProblem = ARN_RULES.kmsKey(kmsKeyArn);
    if (kmsProblem) report(["cloudtrail", "kms_key_arn"], kmsProblem);
  }
  return { name, bucketName, roleName, kmsKeyArn };
}
