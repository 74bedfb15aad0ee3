import { isPlainObject } from "../source/plain-data";

/** `${aws_cloudwatch_log_metric_filter.<id>.metric_transformation[0].name}` (or `.namespace`): how an alarm names its filter's metric. */
const FILTER_METRIC_REFERENCE = /^\$\{aws_cloudwatch_log_metric_filter\.([A-Za-z0-9_-]+)\.metric_transformation\[0\]\.(name|namespace)\}$/;
/** `${aws_sns_topic.<id>.arn}`: how alarms, subscriptions and Chatbot channels name a topic of the same stack. */
const TOPIC_ARN_REFERENCE = /^\$\{aws_sns_topic\.([A-Za-z0-9_-]+)\.arn\}$/;

/**
 * The one reader of a synthesized stack (cdk.tf.json) for what reads it back (simulate,
 * compliance, Security Hub facts): resources by type, a filter's metric transformation, the
 * references this project's constructs write resolved to the values they name, and the
 * region of each provider alias. It takes any parsed JSON and never throws: what is not
 * shaped like a stack reads as empty, and each caller decides what a malformed body means.
 */
export class StackReader {
  /** False when the value is not a JSON object at all. */
  readonly isObject: boolean;
  private readonly resourceBlocks: Record<string, unknown>;
  private readonly providerConfigs: readonly Record<string, unknown>[];
  // Built on first use: a 1,000-account organization's central stack has thousands of references.
  private transformations?: Map<string, Record<string, unknown> | undefined>;
  private topicNames?: Map<string, string>;

  constructor(raw: unknown) {
    this.isObject = isPlainObject(raw);
    const stack = isPlainObject(raw) ? raw : {};
    this.resourceBlocks = isPlainObject(stack.resource) ? stack.resource : {};
    const providers = isPlainObject(stack.provider) && Array.isArray(stack.provider.aws) ? stack.provider.aws : [];
    this.providerConfigs = providers.filter(isPlainObject);
  }

  /** The resources of one type, in the stack's order: [name, body as written (not necessarily an object)]. */
  resources(type: string): [string, unknown][] {
    const byName = this.resourceBlocks[type];
    return isPlainObject(byName) ? Object.entries(byName) : [];
  }

  /** The resources of one type whose bodies are objects. */
  objects(type: string): [string, Record<string, unknown>][] {
    return this.resources(type).filter((entry): entry is [string, Record<string, unknown>] => isPlainObject(entry[1]));
  }

  /** A metric filter's metric_transformation block (cdktf writes a list of one; a hand-written file may not). */
  static transformation(filter: unknown): Record<string, unknown> | undefined {
    if (!isPlainObject(filter)) return undefined;
    const block = Array.isArray(filter.metric_transformation) ? filter.metric_transformation[0] : filter.metric_transformation;
    return isPlainObject(block) ? block : undefined;
  }

  /** A block's dimensions mapping, or none. */
  static dimensions(block: Record<string, unknown> | undefined): Record<string, string> {
    return (isPlainObject(block?.dimensions) ? block.dimensions : {}) as Record<string, string>;
  }

  /**
   * A value as text, with a reference to a filter's metric name or namespace, or to a topic's
   * ARN, replaced by that filter's value or that topic's name; anything else as written.
   */
  resolve(value: unknown): string {
    const text = String(value);
    const filterReference = FILTER_METRIC_REFERENCE.exec(text);
    if (filterReference) {
      this.transformations ??= new Map(this.objects("aws_cloudwatch_log_metric_filter").map(([name, body]) => [name, StackReader.transformation(body)]));
      const transformation = this.transformations.get(filterReference[1]);
      if (transformation) return String(transformation[filterReference[2]]);
    }
    const topicReference = TOPIC_ARN_REFERENCE.exec(text);
    if (topicReference) {
      this.topicNames ??= new Map(this.objects("aws_sns_topic").map(([name, body]) => [name, String(body.name)]));
      const topic = this.topicNames.get(topicReference[1]);
      if (topic !== undefined) return topic;
    }
    return text;
  }

  /** The region of each provider configuration, by the key resources name it with: "aws.<alias>". */
  providerRegions(): Map<string, string> {
    return new Map(this.providerConfigs.map((config) => [`aws.${String(config.alias)}`, String(config.region)]));
  }
}
