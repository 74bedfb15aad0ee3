import { StackReader } from "./stack-reader";

/**
 * What the scanners look at, read back from a synthesized account stack (cdk.tf.json):
 * its metric filters, alarms, topics and the log groups it creates, through StackReader, so
 * references are resolved to the values they name and the report checks the Terraform that
 * would be deployed.
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

export function readStackFacts(stack: string, raw: unknown): StackFacts {
  const reader = new StackReader(raw);
  const filters: FilterFact[] = reader.objects("aws_cloudwatch_log_metric_filter").map(([id, body]) => {
    const transformation = StackReader.transformation(body);
    return {
      address: `aws_cloudwatch_log_metric_filter.${id}`,
      name: String(body.name),
      pattern: String(body.pattern ?? ""),
      metricName: String(transformation?.name),
      namespace: String(transformation?.namespace),
      value: String(transformation?.value),
      dimensions: StackReader.dimensions(transformation),
    };
  });

  const alarms: AlarmFact[] = reader.objects("aws_cloudwatch_metric_alarm").map(([id, body]) => ({
    address: `aws_cloudwatch_metric_alarm.${id}`,
    name: String(body.alarm_name),
    metricName: reader.resolve(body.metric_name),
    namespace: reader.resolve(body.namespace),
    dimensions: StackReader.dimensions(body),
    actionsEnabled: body.actions_enabled !== false,
    alarmActions: (Array.isArray(body.alarm_actions) ? body.alarm_actions : []).map((action) => reader.resolve(action)),
  }));

  const subscriptions = new Map<string, number>();
  for (const [, body] of reader.objects("aws_sns_topic_subscription")) {
    const topic = reader.resolve(body.topic_arn);
    subscriptions.set(topic, (subscriptions.get(topic) ?? 0) + 1);
  }
  const chatbotTopics = new Set(
    [...reader.objects("aws_chatbot_slack_channel_configuration"), ...reader.objects("aws_chatbot_teams_channel_configuration")].flatMap(([, body]) =>
      (Array.isArray(body.sns_topic_arns) ? body.sns_topic_arns : []).map((topic) => reader.resolve(topic)),
    ),
  );
  const topics = new Map<string, TopicFact>(
    reader
      .objects("aws_sns_topic")
      .map(([, body]) => String(body.name))
      .map((name) => [name, { name, subscriptions: subscriptions.get(name) ?? 0, chatbot: chatbotTopics.has(name) }]),
  );

  const createdLogGroups = reader
    .objects("aws_cloudwatch_log_group")
    .map(([, body]) => ({ name: String(body.name), retentionDays: Number(body.retention_in_days ?? 0) }));
  return { stack, filters, alarms, topics, createdLogGroups };
}
