/**
 * The monitoring half of a synthesized stack (cdk.tf.json), read back from the Terraform
 * itself rather than from the model: metric filters, alarms and topics, with references
 * such as ${aws_cloudwatch_log_metric_filter.x.metric_transformation[0].name} resolved. The
 * simulator works on this, so it checks what would really be deployed.
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
}

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

export function readStackMonitoring(stack: { resource?: Blocks }): StackMonitoring {
  const resources = stack.resource ?? {};
  const filters = Object.entries(resources.aws_cloudwatch_log_metric_filter ?? {}).map(([id, filter]) => {
    const transformation = (Array.isArray(filter.metric_transformation) ? filter.metric_transformation[0] : filter.metric_transformation) as Record<string, unknown>;
    const defaultValue = transformation.default_value;
    return {
      address: `aws_cloudwatch_log_metric_filter.${id}`,
      name: String(filter.name),
      pattern: String(filter.pattern),
      metric: {
        namespace: String(transformation.namespace),
        name: String(transformation.name),
        dimensions: (transformation.dimensions as Record<string, string> | undefined) ?? {},
      },
      value: String(transformation.value),
      defaultValue: defaultValue === undefined || defaultValue === null ? undefined : Number(defaultValue),
    };
  });

  const resolve = (value: unknown): string => {
    const text = String(value);
    const filterRef = /^\$\{aws_cloudwatch_log_metric_filter\.([A-Za-z0-9_-]+)\.metric_transformation\[0\]\.(name|namespace)\}$/.exec(text);
    if (filterRef) {
      const filter = filters.find((candidate) => candidate.address === `aws_cloudwatch_log_metric_filter.${filterRef[1]}`);
      if (filter) return filterRef[2] === "name" ? filter.metric.name : filter.metric.namespace;
    }
    const topicRef = /^\$\{aws_sns_topic\.([A-Za-z0-9_-]+)\.arn\}$/.exec(text);
    if (topicRef) {
      const topic = resources.aws_sns_topic?.[topicRef[1]];
      if (topic) return String(topic.name);
    }
    return text;
  };

  const alarms = Object.entries(resources.aws_cloudwatch_metric_alarm ?? {}).map(([id, alarm]) => ({
    address: `aws_cloudwatch_metric_alarm.${id}`,
    name: String(alarm.alarm_name),
    metric: {
      namespace: resolve(alarm.namespace),
      name: resolve(alarm.metric_name),
      dimensions: (alarm.dimensions as Record<string, string> | undefined) ?? {},
    },
    statistic: String(alarm.statistic),
    period: Number(alarm.period),
    evaluationPeriods: Number(alarm.evaluation_periods),
    datapointsToAlarm: Number(alarm.datapoints_to_alarm ?? alarm.evaluation_periods),
    threshold: Number(alarm.threshold),
    comparison: String(alarm.comparison_operator),
    treatMissingData: String(alarm.treat_missing_data ?? "missing"),
    actionsEnabled: alarm.actions_enabled !== false,
    alarmActions: ((alarm.alarm_actions as unknown[] | undefined) ?? []).map(resolve),
    okActions: ((alarm.ok_actions as unknown[] | undefined) ?? []).map(resolve),
  }));
  return { filters, alarms };
}

export function sameMetric(a: MetricKey, b: MetricKey): boolean {
  const keys = (metric: MetricKey) => JSON.stringify(Object.entries(metric.dimensions).sort());
  return a.namespace === b.namespace && a.name === b.name && keys(a) === keys(b);
}

export function describeMetric(metric: MetricKey): string {
  const dimensions = Object.entries(metric.dimensions);
  return `${metric.namespace}/${metric.name}${dimensions.length ? ` {${dimensions.map(([k, v]) => `${k}=${v}`).join(", ")}}` : ""}`;
}
