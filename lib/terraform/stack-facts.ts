import { isPlainObject } from "../source/plain-data";

/**
 * What the scanners look at, read back from a synthesized account stack (cdk.tf.json):
 * its metric filters, alarms, topics and the log groups it creates. References such as
 * ${aws_cloudwatch_log_metric_filter.x.metric_transformation[0].name} are resolved to the
 * values they name, so the report checks the Terraform that would be deployed.
 */
export interface FilterFact {
  readonly address: string;
  readonly name: string;
  readonly pattern: string;
  readonly metricName: string;
  readonly namespace: string;
  readonly value: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

export interface AlarmFact {
  readonly address: string;
  readonly name: string;
  readonly metricName: string;
  readonly namespace: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly actionsEnabled: boolean;
  /** Topic names of this stack's topics, or the ARN as written. */
  readonly alarmActions: readonly string[];
}

export interface TopicFact {
  readonly name: string;
  readonly subscriptions: number;
  /** A Chatbot channel subscribes to the topic when it is created (not a resource of the stack). */
  readonly chatbot: boolean;
}

export interface StackFacts {
  readonly stack: string;
  readonly filters: readonly FilterFact[];
  readonly alarms: readonly AlarmFact[];
  readonly topics: ReadonlyMap<string, TopicFact>;
  readonly createdLogGroups: readonly { readonly name: string; readonly retentionDays: number }[];
}

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

export function readStackFacts(stack: string, raw: unknown): StackFacts {
  const json = isPlainObject(raw) ? raw : {};
  const resources = (isPlainObject(json.resource) ? json.resource : {}) as Blocks;
  const of = (type: string) => Object.entries(isPlainObject(resources[type]) ? resources[type] : {});

  const filterValues = new Map<string, Record<string, unknown>>();
  const filters: FilterFact[] = of("aws_cloudwatch_log_metric_filter").map(([id, body]) => {
    const transformation = (Array.isArray(body.metric_transformation) ? body.metric_transformation[0] : body.metric_transformation) as Record<string, unknown>;
    filterValues.set(id, transformation ?? {});
    return {
      address: `aws_cloudwatch_log_metric_filter.${id}`,
      name: String(body.name),
      pattern: String(body.pattern ?? ""),
      metricName: String(transformation?.name),
      namespace: String(transformation?.namespace),
      value: String(transformation?.value),
      dimensions: (isPlainObject(transformation?.dimensions) ? transformation.dimensions : {}) as Record<string, string>,
    };
  });

  const topicNames = new Map(of("aws_sns_topic").map(([id, body]) => [id, String(body.name)]));
  const resolve = (value: unknown): string => {
    const text = String(value);
    const filterRef = /^\$\{aws_cloudwatch_log_metric_filter\.([A-Za-z0-9_-]+)\.metric_transformation\[0\]\.(name|namespace)\}$/.exec(text);
    if (filterRef && filterValues.has(filterRef[1])) return String(filterValues.get(filterRef[1])![filterRef[2]]);
    const topicRef = /^\$\{aws_sns_topic\.([A-Za-z0-9_-]+)\.arn\}$/.exec(text);
    if (topicRef && topicNames.has(topicRef[1])) return topicNames.get(topicRef[1])!;
    return text;
  };

  const alarms: AlarmFact[] = of("aws_cloudwatch_metric_alarm").map(([id, body]) => ({
    address: `aws_cloudwatch_metric_alarm.${id}`,
    name: String(body.alarm_name),
    metricName: resolve(body.metric_name),
    namespace: resolve(body.namespace),
    dimensions: (isPlainObject(body.dimensions) ? body.dimensions : {}) as Record<string, string>,
    actionsEnabled: body.actions_enabled !== false,
    alarmActions: (Array.isArray(body.alarm_actions) ? body.alarm_actions : []).map(resolve),
  }));

  const subscriptions = new Map<string, number>();
  for (const [, body] of of("aws_sns_topic_subscription")) {
    const topic = resolve(body.topic_arn);
    subscriptions.set(topic, (subscriptions.get(topic) ?? 0) + 1);
  }
  const chatbotTopics = new Set(
    [...of("aws_chatbot_slack_channel_configuration"), ...of("aws_chatbot_teams_channel_configuration")].flatMap(([, body]) =>
      (Array.isArray(body.sns_topic_arns) ? body.sns_topic_arns : []).map(resolve),
    ),
  );
  const topics = new Map<string, TopicFact>(
    [...topicNames.values()].map((name) => [name, { name, subscriptions: subscriptions.get(name) ?? 0, chatbot: chatbotTopics.has(name) }]),
  );

  const createdLogGroups = of("aws_cloudwatch_log_group").map(([, body]) => ({ name: String(body.name), retentionDays: Number(body.retention_in_days ?? 0) }));
  return { stack, filters, alarms, topics, createdLogGroups };
}
