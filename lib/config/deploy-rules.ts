import { AccountSettings } from "./account-settings";
import { layerAlarm, readAlarmSettings, yamlAlarmKey } from "./alarm-settings";
import { LIMITS } from "../model/aws-facts";
import { AlarmSettings, DeployedRule, RuleDefinition, SourceAccount, SourceRef, Topic } from "../model/model";
import { RuleCatalog } from "./load-packs";
import { ProblemList } from "../source/problems";
import { didYouMean } from "../source/did-you-mean";
import { planRuleFilters } from "../scanners/plan-variants";
import { ScannerData, ScannerId } from "../scanners/scanner-data";
import { checkAlarm } from "./check-alarm";
import { checkAlarmName, checkFilterName, checkMetricName } from "./cloudwatch-names";
import { checkLogGroupLimits } from "./log-group-limits";
import { perAccountAlarms } from "./per-account-alarms";

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
  checkLogGroupLimits(deployed, settings.where(["rules"]), report);
  return deployed;
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
