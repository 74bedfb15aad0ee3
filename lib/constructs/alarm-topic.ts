import { Construct } from "constructs";
import { AwsProvider, SnsTopic, SnsTopicPolicy, SnsTopicSubscription } from "../aws";
import { Subscription, Topic } from "../model/model";
import { alarmTopicPolicy } from "../policies/alarm-topic-policies";
import { AccountContext, renderPolicy } from "../policies/policy-document";
import { annotate } from "./annotate";
import { ChatbotChannel } from "./chatbot-channel";
import { TOPIC_ADDRESSES } from "../config/addresses";
import { placeResource } from "./logical-id";
import { TopicKey } from "./topic-key";
import { literal } from "./terraform-literal";

export interface AlarmTopicProps {
  readonly topic: Topic;
  readonly context: AccountContext;
  /**
   * The provider of the topic's Chatbot region; required when the topic has a Chatbot channel.
   * @default none (a topic with a channel and no provider is refused)
   */
  readonly chatbotProvider?: AwsProvider;
}

/** An SNS topic that only this account's CloudWatch alarms may publish to, with its subscriptions and Chatbot channel. */
export class AlarmTopic extends Construct {
  readonly snsTopic: SnsTopic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    const { topic } = props;
    super(scope, id);
    const address = TOPIC_ADDRESSES.topic(topic.key);
    const previous = topic.movedFrom === undefined ? undefined : TOPIC_ADDRESSES.topic(topic.movedFrom);

    let kmsMasterKeyId: string | undefined;
    if (topic.encryption.kind === "create-key") {
      kmsMasterKeyId = new TopicKey(this, "key", { topicKey: topic.key, previousKey: topic.movedFrom, topicName: topic.name, context: props.context }).key.arn;
    } else if (topic.encryption.kind === "existing-key") {
      kmsMasterKeyId = topic.encryption.keyArn;
    }

    this.snsTopic = new SnsTopic(this, "topic", { name: literal(topic.name), displayName: literal(topic.displayName), kmsMasterKeyId });
    placeResource(this.snsTopic, address, previous);
    annotate(this.snsTopic, { topic: topic.key });

    const topicPolicy = new SnsTopicPolicy(this, "policy", {
      arn: this.snsTopic.arn,
      policy: renderPolicy(alarmTopicPolicy(this.snsTopic.arn, props.context)),
    });
    placeResource(topicPolicy, address, previous);
    annotate(topicPolicy, { topic: topic.key });

    for (const subscription of topic.subscriptions) {
      const resource = new SnsTopicSubscription(this, subscription.key, {
        topicArn: this.snsTopic.arn,
        protocol: subscription.protocol,
        endpoint: literal(subscription.endpoint),
        subscriptionRoleArn: subscription.roleArn,
      });
      // Renamed topics and 0.1's addresses (https paths held secrets) move to the current one.
      const previousKey = subscription.legacyKey ?? subscription.key;
      const previousTopic = topic.movedFrom ?? topic.key;
      placeResource(resource, TOPIC_ADDRESSES.subscription(topic.key, subscription.key), TOPIC_ADDRESSES.subscription(previousTopic, previousKey));
      annotate(resource, { topic: topic.key, subscription: describeSubscription(subscription) });
    }

    if (topic.chatbot) {
      if (!props.chatbotProvider) throw new Error(`topic ${topic.key} has a Chatbot channel but no provider for ${topic.chatbot.region}`);
      new ChatbotChannel(this, "chatbot", {
        topicKey: topic.key,
        topicName: topic.name,
        topicArn: this.snsTopic.arn,
        channel: topic.chatbot,
        provider: props.chatbotProvider,
      });
    }
  }
}

/** A subscription as the review may print it: an https URL by its host only (paths hold secrets). */
function describeSubscription(subscription: Subscription): string {
  if (subscription.protocol !== "https") return `${subscription.protocol} ${subscription.endpoint}`;
  try {
    return `https https://${new URL(subscription.endpoint).host}/…`;
  } catch {
    return "https (endpoint)";
  }
}
