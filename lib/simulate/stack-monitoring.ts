import { isPlainObject } from "../source/plain-data";
import { isComparison } from "../model/alarm-comparisons";
import { STATISTICS } from "../model/model";
import { StackReader } from "../terraform/stack-reader";

/**
 * The monitoring half of a synthesized stack (cdk.tf.json), read back from the Terraform
 * itself rather than from the model (through StackReader, which resolves references):
 * metric filters and alarms, with what CloudWatch would refuse left out. The simulator works
 * on this, so it checks what would really be deployed.
 */

export interface MetricKey {
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

export interface FilterSpec {
  readonly address: string;
  readonly name: string;
  readonly pattern: string;
  readonly metric: MetricKey;
  readonly value: string;
  readonly defaultValue?: number;
}

export interface AlarmSpec {
  readonly address: string;
  readonly name: string;
  readonly metric: MetricKey;
  readonly statistic: string;
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly threshold: number;
  readonly comparison: string;
  readonly treatMissingData: string;
  readonly actionsEnabled: boolean;
  /** Topic names (or ARNs that are not this stack's topics). */
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
}

export interface StackMonitoring {
  readonly filters: readonly FilterSpec[];
  readonly alarms: readonly AlarmSpec[];
  /** Filters and alarms that could not be read (left out of the simulation). */
  readonly problems: readonly string[];
}

/** CloudWatch's own bounds: a period of up to a day, evaluated over at most seven days. */
const MAX_PERIOD_SECONDS = 86_400;
const MAX_EVALUATION_SECONDS = 7 * 86_400;

/**
 * Reads the filters and alarms of a stack. Anything malformed (a file that is not a stack,
 * a filter without a metric transformation, an alarm with period 0) is left out with a
 * problem saying why, so a hand-written or damaged stack file never stops the simulation.
 */
export function readStackMonitoring(raw: unknown): StackMonitoring {
  const problems: string[] = [];
  const reader = new StackReader(raw);
  if (!reader.isObject) problems.push("the stack file is not a Terraform JSON object; nothing to simulate");
  const filters: FilterSpec[] = [];
  for (const [id, filter] of reader.resources("aws_cloudwatch_log_metric_filter")) {
    const address = `aws_cloudwatch_log_metric_filter.${id}`;
    const transformation = StackReader.transformation(filter);
    if (
      !isPlainObject(filter) ||
      typeof filter.pattern !== "string" ||
      !transformation ||
      typeof transformation.name !== "string" ||
      typeof transformation.namespace !== "string"
    ) {
      problems.push(`${address} has no pattern or metric transformation (name, namespace); left out`);
      continue;
    }
    const defaultValue = transformation.default_value;
    const parsedDefault = defaultValue === undefined || defaultValue === null ? undefined : Number(defaultValue);
    if (parsedDefault !== undefined && !Number.isFinite(parsedDefault)) {
      problems.push(`${address} has default value ${JSON.stringify(defaultValue)}, which is not a number; left out`);
      continue;
    }
    filters.push({
      address,
      name: String(filter.name),
      pattern: filter.pattern,
      metric: { namespace: transformation.namespace, name: transformation.name, dimensions: StackReader.dimensions(transformation) },
      value: String(transformation.value),
      defaultValue: parsedDefault,
    });
  }

  const resolve = (value: unknown) => reader.resolve(value);
  const alarms: AlarmSpec[] = [];
  for (const [id, alarm] of reader.resources("aws_cloudwatch_metric_alarm")) {
    const address = `aws_cloudwatch_metric_alarm.${id}`;
    if (!isPlainObject(alarm)) {
      problems.push(`${address} is not an object; left out`);
      continue;
    }
    const spec: AlarmSpec = {
      address,
      name: String(alarm.alarm_name),
      metric: { namespace: resolve(alarm.namespace), name: resolve(alarm.metric_name), dimensions: StackReader.dimensions(alarm) },
      statistic: String(alarm.statistic),
      period: Number(alarm.period),
      evaluationPeriods: Number(alarm.evaluation_periods),
      datapointsToAlarm: Number(alarm.datapoints_to_alarm ?? alarm.evaluation_periods),
      threshold: Number(alarm.threshold),
      comparison: String(alarm.comparison_operator),
      treatMissingData: String(alarm.treat_missing_data ?? "missing"),
      actionsEnabled: alarm.actions_enabled !== false,
      alarmActions: (Array.isArray(alarm.alarm_actions) ? alarm.alarm_actions : []).map(resolve),
      okActions: (Array.isArray(alarm.ok_actions) ? alarm.ok_actions : []).map(resolve),
    };
    const invalid = invalidAlarm(spec);
    if (invalid) problems.push(`alarm ${spec.name}: ${invalid}; left out`);
    else alarms.push(spec);
  }
  return { filters, alarms, problems };
}

/** Why CloudWatch would refuse the alarm's settings, if it would. */
function invalidAlarm(alarm: AlarmSpec): string | undefined {
  if (!Number.isInteger(alarm.period) || alarm.period <= 0 || alarm.period > MAX_PERIOD_SECONDS)
    return `period ${alarm.period} is not a whole number of seconds from 1 to ${MAX_PERIOD_SECONDS}`;
  if (!Number.isInteger(alarm.evaluationPeriods) || alarm.evaluationPeriods < 1)
    return `evaluation_periods ${alarm.evaluationPeriods} is not a whole number of at least 1`;
  if (alarm.period * alarm.evaluationPeriods > MAX_EVALUATION_SECONDS)
    return `evaluation_periods x period is ${alarm.period * alarm.evaluationPeriods} s, more than the ${MAX_EVALUATION_SECONDS} s CloudWatch evaluates`;
  if (!Number.isInteger(alarm.datapointsToAlarm) || alarm.datapointsToAlarm < 1 || alarm.datapointsToAlarm > alarm.evaluationPeriods)
    return `datapoints_to_alarm ${alarm.datapointsToAlarm} is not from 1 to evaluation_periods`;
  if (!Number.isFinite(alarm.threshold)) return `threshold ${alarm.threshold} is not a number`;
  if (!(STATISTICS as readonly string[]).includes(alarm.statistic)) return `statistic ${alarm.statistic} is not one of ${STATISTICS.join(", ")}`;
  if (!isComparison(alarm.comparison)) return `comparison ${alarm.comparison} is not one CloudWatch knows`;
  return undefined;
}

export function sameMetric(a: MetricKey, b: MetricKey): boolean {
  return metricIdentity(a) === metricIdentity(b);
}

/** A string that two metrics share exactly when CloudWatch sees one metric (dimensions in any order). */
export function metricIdentity(metric: MetricKey): string {
  return JSON.stringify([metric.namespace, metric.name, Object.entries(metric.dimensions).sort()]);
}

export function describeMetric(metric: MetricKey): string {
  const dimensions = Object.entries(metric.dimensions);
  return `${metric.namespace}/${metric.name}${dimensions.length ? ` {${dimensions.map(([k, v]) => `${k}=${v}`).join(", ")}}` : ""}`;
}
