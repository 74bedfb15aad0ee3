import { AccountSettings } from "./account-settings";
import { eventsToFire, layerAlarm, readAlarmSettings, yamlAlarmKey } from "./alarm-settings";
import { LIMITS } from "../model/aws-facts";
import { DERIVED_DEFAULTS } from "./defaults";
import { checkSingleLine, quote } from "./formats";
import { AlarmSettings, DeployedRule, PerAccountAlarms, RuleDefinition, SourceAccount, SourceRef, Topic } from "../model/model";
import { RuleCatalog } from "./load-packs";
import { ProblemList } from "../source/problems";
import { didYouMean } from "../source/did-you-mean";
import { countRegexes, parsePattern } from "../pattern";
import { planRuleFilters } from "../scanners/plan-variants";
import { ScannerData, ScannerId } from "../scanners/scanner-data";

interface RawOverride {
  filter_name?: string;
  metric_name?: string;
  alarm_name?: string;
  alarm_description?: string;
  topic?: string;
  metric_value?: string;
  default_value?: number | null;
  alarm?: Record<string, unknown>;
  moved_from?: string;
}

/** What an organization trail's central account adds to its rules. */
export interface CentralMonitoring {
  /** Rule ids that also alarm per source account. */
  readonly perAccount: ReadonlySet<string>;
  readonly sourceAccounts: readonly SourceAccount[];
  /** The organization trail's log group when this is its account (alarm descriptions say how to find the source account). */
  readonly central?: string;
}

/** The compliance scanners a config selects, with their conditions (rules/scanners/). */
export interface ScannerSelection {
  readonly selected: readonly ScannerId[];
  readonly data: ReadonlyMap<ScannerId, ScannerData>;
}

/** CloudTrail names the account an event was delivered for here; the per-account metric's dimension takes it. */
const ACCOUNT_DIMENSION = { name: "RecipientAccount", selector: "$.recipientAccountId" } as const;

/**
 * Turns the selected rules into what one account deploys: names, metric, alarm settings and
 * the topic each notifies, checking every AWS limit and that each alarm can actually fire.
 */
export function deployRules(
  selected: readonly RuleDefinition[],
  catalog: RuleCatalog,
  topics: readonly Topic[],
  settings: AccountSettings,
  problems: ProblemList,
  organization: CentralMonitoring = { perAccount: new Set(), sourceAccounts: [] },
  compliance: ScannerSelection = { selected: [], data: new Map() },
): DeployedRule[] {
  const allRuleIds = [...catalog.rules.keys()];
  const namespace = settings.value<string>(["namespace"]);
  const accountAlarm = readAlarmSettings(settings.get<Record<string, unknown>>(["alarm"]) ?? {});
  const report = (where: SourceRef, message: string) => problems.add(where, where.field, message);

  checkMetricName(namespace, "namespace", (message) => report(settings.where(["namespace"]), message));
  for (const id of settings.keys(["overrides"])) {
    if (!allRuleIds.includes(id) && !catalog.incomplete)
      report(settings.where(["overrides", id]), `override for unknown rule id "${id}"${didYouMean(id, allRuleIds)}`);
  }

  // A shared alarm default that does not work breaks every rule using it: say so once, naming them all.
  const alarmProblems = new Map<string, { where: SourceRef; message: (rules: string) => string; rules: string[] }>();
  const reportAlarm = (rule: string) => (where: SourceRef, message: (rules: string) => string) => {
    const key = `${where.file}:${where.line}:${where.column}:${message("")}`;
    const entry = alarmProblems.get(key) ?? { where, message, rules: [] };
    entry.rules.push(rule);
    alarmProblems.set(key, entry);
  };

  const deployed: DeployedRule[] = [];
  for (const rule of selected) {
    const override = settings.get<RawOverride>(["overrides", rule.id]) ?? {};
    const at = (...field: (string | number)[]) =>
      settings.get(["overrides", rule.id, ...field]) !== undefined ? settings.where(["overrides", rule.id, ...field]) : undefined;
    const overrideOr = (field: string, fallback: SourceRef) => at(field) ?? fallback;
    const ruleAt = rule.source;

    const filterName = settings.value<string>(["overrides", rule.id, "filter_name"]);
    const metricName = override.metric_name ?? rule.metricName;
    const alarmName = settings.value<string>(["overrides", rule.id, "alarm_name"]);
    checkFilterName(filterName, (message) => report(overrideOr("filter_name", settings.where(["name_prefix"])), message));
    checkMetricName(metricName, "metric name", (message) => report(overrideOr("metric_name", ruleAt), message));
    checkAlarmName(alarmName, (message) => report(overrideOr("alarm_name", settings.where(["name_prefix"])), message));

    const { alarm, layerOf } = layerAlarm({ rule: rule.alarm, config: accountAlarm, override: readAlarmSettings(override.alarm ?? {}) });
    const alarmAt = (field: keyof AlarmSettings): SourceRef => {
      const layer = layerOf(field);
      if (layer === "override") return at("alarm", yamlAlarmKey(field)) ?? ruleAt;
      if (layer === "config") return settings.where(["alarm", yamlAlarmKey(field)]);
      return at("alarm") ?? ruleAt;
    };

    const metricValue = settings.value<string>(["overrides", rule.id, "metric_value"]);
    // null: the metric has no default value.
    const defaultValue = settings.value<number | null>(["overrides", rule.id, "default_value"]) ?? undefined;
    checkAlarm(alarm, metricValue, defaultValue !== undefined, alarmAt, at("metric_value"), reportAlarm(rule.id));
    if (metricValue.startsWith("$")) {
      if (!rule.pattern.includes(metricValue)) {
        report(overrideOr("metric_value", ruleAt), `metric_value ${metricValue} must be a field the pattern tests (CloudWatch Logs requires it)`);
      }
    } else if (!Number.isFinite(Number(metricValue))) {
      report(overrideOr("metric_value", ruleAt), `metric_value must be a number or a $.field selector, got "${metricValue}"`);
    }

    const alarmDescription = override.alarm_description ?? describeAlarm(rule, organization.central);
    if (alarmDescription.length > LIMITS.alarmDescription.max) {
      report(
        overrideOr("alarm_description", ruleAt),
        `alarm description is ${alarmDescription.length} characters; CloudWatch accepts at most ${LIMITS.alarmDescription.max}`,
      );
    }

    // With no topics at all, that one problem is reported (build-account.ts), not one per rule.
    const topic = topics.length === 0 ? undefined : routeToTopic(rule, override.topic, topics, () => overrideOr("topic", settings.where(["topics"])), report);
    const filters = plannedFilters(
      { id: rule.id, pattern: rule.pattern, filterName, filterNameFixed: override.filter_name !== undefined, metricName, metricValue },
      compliance,
    );
    for (const variant of filters.variants) checkFilterName(variant.filterName, (message) => report(settings.where(["compliance", "scanners"]), message));
    deployed.push({
      id: rule.id,
      definition: rule,
      filterName: filters.filterName,
      filterValue: filters.value,
      filterPattern: filters.pattern,
      variants: filters.variants,
      countingPattern: filters.countingPattern,
      metricName,
      namespace,
      metricValue,
      defaultValue,
      alarmName,
      alarmDescription,
      alarm,
      topic: topic ?? "",
      movedFrom: override.moved_from,
      perAccount: organization.perAccount.has(rule.id)
        ? perAccountAlarms(rule, { filterName, metricName, alarmName }, alarm, organization.sourceAccounts, {
            names: (message) => report(overrideOr("alarm_name", settings.where(["name_prefix"])), message),
            alarm: reportAlarm(rule.id),
            alarmAt,
          })
        : undefined,
    });
    if (override.moved_from !== undefined && selected.some((other) => other.id === override.moved_from)) {
      report(
        settings.where(["overrides", rule.id, "moved_from"]),
        `moved_from "${override.moved_from}" is a rule that is still enabled; a rule can only move from an id no longer in use`,
      );
    }
  }

  for (const { where, message, rules } of alarmProblems.values()) {
    report(where, message(rules.length === 1 ? `the alarm for ${rules[0]}` : `the alarms for ${rules.join(", ")}`));
  }
  reportDuplicates(
    deployed.flatMap((rule) => [rule, ...rule.variants.map((variant) => ({ ...rule, filterName: variant.filterName }))]),
    (rule) => rule.filterName,
    "metric filter name",
    settings,
    report,
  );
  reportDuplicates(deployed, (rule) => rule.metricName, `metric name in namespace ${namespace}`, settings, report);
  reportDuplicates(deployed, (rule) => rule.alarmName, "alarm name", settings, report);
  const withRegex = deployed.filter((rule) => hasRegex(rule.filterPattern));
  if (withRegex.length > LIMITS.regexFiltersPerLogGroup) {
    const where = settings.where(["rules"]);
    report(
      where,
      `${withRegex.length} enabled rules use regular expressions (${withRegex.map((rule) => rule.id).join(", ")}); CloudWatch Logs allows at most ${LIMITS.regexFiltersPerLogGroup} such metric filters per log group`,
    );
  }
  const perAccountFilters = deployed.filter((rule) => rule.perAccount).length;
  const scannerFilters = deployed.reduce((total, rule) => total + rule.variants.length, 0);
  const filters = deployed.length + perAccountFilters + scannerFilters;
  if (filters > LIMITS.filtersPerLogGroup) {
    const where = settings.where(["rules"]);
    const parts = [
      `${deployed.length} rules`,
      perAccountFilters && `${perAccountFilters} per-account filters`,
      scannerFilters && `${scannerFilters} scanner variants`,
    ].filter(Boolean);
    const split = parts.length > 1 ? ` (${parts.join(", ")})` : "";
    report(
      where,
      `${filters} metric filters would go on the log group${split}, but a log group holds at most ${LIMITS.filtersPerLogGroup} (and filters the stack does not manage count too)`,
    );
  }
  if (perAccountFilters) {
    const regexFilters = deployed.filter((rule) => rule.perAccount && hasRegex(rule.filterPattern)).length + withRegex.length;
    if (regexFilters > LIMITS.regexFiltersPerLogGroup && withRegex.length <= LIMITS.regexFiltersPerLogGroup) {
      report(
        settings.where(["rules"]),
        `per-account alarms double the filters of rules that use regular expressions: ${regexFilters} such filters, but CloudWatch Logs allows at most ${LIMITS.regexFiltersPerLogGroup} per log group`,
      );
    }
  }
  return deployed;
}

/**
 * The rule's per-account filter and alarms. The filter's metric has a dimension, so it can
 * have no default value: the alarms must fire without one, and quiet periods must not count
 * as breaching (each alarm would otherwise sit in ALARM whenever its account is quiet).
 */
function perAccountAlarms(
  rule: RuleDefinition,
  names: { filterName: string; metricName: string; alarmName: string },
  alarm: AlarmSettings,
  accounts: readonly SourceAccount[],
  report: {
    names: (message: string) => void;
    alarm: (where: SourceRef, message: (alarms: string) => string) => void;
    alarmAt: (field: keyof AlarmSettings) => SourceRef;
  },
): PerAccountAlarms {
  const filterName = DERIVED_DEFAULTS.perAccountFilterName(names.filterName);
  const metricName = DERIVED_DEFAULTS.perAccountMetricName(names.metricName);
  checkFilterName(filterName, report.names);
  checkMetricName(metricName, "per-account metric name", report.names);
  const perAccount = (alarms: string) => `${alarms} (per account)`;
  checkAlarm(alarm, "1", false, report.alarmAt, undefined, (where, message) => report.alarm(where, (alarms) => message(perAccount(alarms))));
  if (alarm.treatMissingData === "breaching") {
    report.alarm(
      report.alarmAt("treatMissingData"),
      (alarms) =>
        `${perAccount(alarms)}: treat_missing_data breaching would keep every account's alarm in ALARM while it is quiet (per-account metrics have no default value)`,
    );
  }
  return {
    filterName,
    metricName,
    dimension: ACCOUNT_DIMENSION,
    alarms: accounts.map((account) => {
      const alarmName = DERIVED_DEFAULTS.perAccountAlarmName(names.alarmName, account.name);
      checkAlarmName(alarmName, report.names);
      const description = `${rule.title}, in account ${account.name} (${account.id}): events whose recipientAccountId is ${account.id}. ${rule.description}`;
      return {
        account,
        alarmName,
        alarmDescription: description.length > LIMITS.alarmDescription.max ? `${description.slice(0, LIMITS.alarmDescription.max - 1)}…` : description,
      };
    }),
  };
}

/** Pattern text -> whether it uses a regular expression: every account deploys the same rules, parsed once. */
const regexUse = new Map<string, boolean>();

function hasRegex(pattern: string): boolean {
  let uses = regexUse.get(pattern);
  if (uses === undefined) {
    try {
      uses = countRegexes(parsePattern(pattern)) > 0;
    } catch {
      uses = false; // an unparsable pattern is reported where the pack is loaded
    }
    regexUse.set(pattern, uses);
  }
  return uses;
}

/**
 * A rule's filters for the selected scanners, planned once per distinct rule setting and
 * scanner data: an organization's accounts mostly deploy the same rules the same way.
 */
const plans = new WeakMap<object, Map<string, ReturnType<typeof planRuleFilters>>>();

function plannedFilters(rule: Parameters<typeof planRuleFilters>[0], compliance: ScannerSelection): ReturnType<typeof planRuleFilters> {
  let byRule = plans.get(compliance.data);
  if (!byRule) plans.set(compliance.data, (byRule = new Map()));
  const key = JSON.stringify([compliance.selected, rule]);
  let planned = byRule.get(key);
  if (!planned) byRule.set(key, (planned = planRuleFilters(rule, compliance.selected, compliance.data)));
  return planned;
}

function describeAlarm(rule: RuleDefinition, organizationLogGroup?: string): string {
  const refs = [
    rule.references.securityHub && `Security Hub ${rule.references.securityHub}`,
    rule.references.cisV120 && `CIS v1.2.0 ${rule.references.cisV120}`,
    rule.references.cisV140 && `CIS v1.4.0 ${rule.references.cisV140}`,
    rule.references.source,
  ].filter(Boolean);
  // One log group holds every account's events: the alarm says how to find whose event it was.
  const source = organizationLogGroup
    ? ` Events from every account of the organization reach this alarm: the account is each event's recipientAccountId (CloudWatch Logs Insights on ${organizationLogGroup}: filter the pattern's fields, then stats count() by recipientAccountId).`
    : "";
  const text = `${rule.title}${refs.length ? ` (${refs.join(", ")})` : ""}.${source} ${rule.description}`;
  return text.length > LIMITS.alarmDescription.max ? `${text.slice(0, LIMITS.alarmDescription.max - 1)}…` : text;
}

function routeToTopic(
  rule: RuleDefinition,
  explicit: string | undefined,
  topics: readonly Topic[],
  where: () => SourceRef,
  report: (where: SourceRef, message: string) => void,
): string | undefined {
  const keys = topics.map((topic) => topic.key);
  if (explicit !== undefined) {
    if (!keys.includes(explicit)) {
      report(where(), `rule ${rule.id} names topic "${explicit}", which is not defined${didYouMean(explicit, keys)}; topics: ${keys.join(", ") || "none"}`);
      return undefined;
    }
    return explicit;
  }
  const routed = topics.find((topic) => topic.severities.includes(rule.severity));
  if (!routed) {
    report(where(), `no topic takes severity "${rule.severity}" (rule ${rule.id}); add it to a topic's severities or set overrides.${rule.id}.topic`);
    return undefined;
  }
  return routed.key;
}

/** Reports each problem as a sentence about "the alarm(s) for <rules>", so shared defaults report once. */
function checkAlarm(
  alarm: AlarmSettings,
  metricValue: string,
  hasDefaultValue: boolean,
  at: (field: keyof AlarmSettings) => SourceRef,
  /** Where the config sets the metric value, when it does: a value that cannot fire is blamed there. */
  valueAt: SourceRef | undefined,
  report: (where: SourceRef, message: (alarms: string) => string) => void,
): void {
  if (alarm.period % LIMITS.periodMultiple !== 0) {
    report(at("period"), (alarms) => `${alarms}: period ${alarm.period} must be a multiple of 60: metric filters publish standard-resolution metrics`);
  }
  if (alarm.period * alarm.evaluationPeriods > LIMITS.evaluationWindowSeconds) {
    report(
      at("evaluationPeriods"),
      (alarms) => `${alarms}: evaluation_periods x period is ${alarm.period * alarm.evaluationPeriods} s; CloudWatch allows at most one day (86400 s)`,
    );
  }
  if (alarm.datapointsToAlarm > alarm.evaluationPeriods) {
    report(
      at("datapointsToAlarm"),
      (alarms) => `${alarms}: datapoints_to_alarm (${alarm.datapointsToAlarm}) cannot exceed evaluation_periods (${alarm.evaluationPeriods})`,
    );
  }
  const value = Number(metricValue);
  if (!Number.isFinite(value)) return; // a value taken from the event: nothing to prove statically
  const needed = eventsToFire(alarm, value, hasDefaultValue);
  if (typeof needed === "string") {
    report(alarm.comparison.startsWith("Less") ? at("comparison") : (valueAt ?? at("threshold")), (alarms) => `${alarms} can never fire: ${needed}`);
  } else if (needed > 1 && alarm.singleEvent) {
    report(
      alarm.datapointsToAlarm > 1 ? at("datapointsToAlarm") : (valueAt ?? at("threshold")),
      (alarms) =>
        `${alarms} would need ${needed} matching events to fire; lower the threshold / datapoints_to_alarm, or set alarm.single_event: false if a rate alarm is intended`,
    );
  }
}

function checkFilterName(name: string, report: (message: string) => void): void {
  if (name.length > LIMITS.filterName.max) report(`metric filter name is ${name.length} characters; at most ${LIMITS.filterName.max}`);
  else if (LIMITS.filterName.forbidden.test(name)) report(`metric filter name ${quote(name)} may not contain : or *`);
  else {
    const problem = checkSingleLine(name, "metric filter name");
    if (problem) report(problem);
  }
}

function checkMetricName(name: string, what: string, report: (message: string) => void): void {
  if (name.length > LIMITS.metricName.max) report(`${what} is ${name.length} characters; at most ${LIMITS.metricName.max}`);
  else if (LIMITS.metricName.forbidden.test(name)) report(`${what} ${quote(name)} may not contain :, * or $`);
  else if (what === "namespace" && /^AWS\//i.test(name)) report(`namespace ${quote(name)} starts with AWS/, which CloudWatch reserves for AWS services`);
  else {
    const problem = checkSingleLine(name, what);
    if (problem) report(problem);
  }
}

function checkAlarmName(name: string, report: (message: string) => void): void {
  if (name.length > LIMITS.alarmName.max) report(`alarm name is ${name.length} characters; CloudWatch accepts at most ${LIMITS.alarmName.max}`);
  const problem = checkSingleLine(name, "alarm name");
  if (problem) report(problem);
}

function reportDuplicates(
  rules: readonly DeployedRule[],
  keyOf: (rule: DeployedRule) => string,
  what: string,
  settings: AccountSettings,
  report: (where: SourceRef, message: string) => void,
): void {
  const first = new Map<string, string>();
  for (const rule of rules) {
    const key = keyOf(rule);
    const earlier = first.get(key);
    if (earlier) report(settings.where(["overrides", rule.id]), `rules ${earlier} and ${rule.id} share the ${what} "${key}"`);
    else first.set(key, rule.id);
  }
}
