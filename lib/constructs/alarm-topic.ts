import { Construct } from "constructs";
import { SnsTopic, SnsTopicPolicy, SnsTopicSubscription } from "../aws";
import { Topic } from "../config/model";
import { alarmTopicPolicy } from "../policies/alarm-topic-policies";
import { AccountContext, renderPolicy } from "../policies/policy-document";
import { annotate } from "./annotate";
import { logicalId, placeResource } from "./logical-id";
import { TopicKey } from "./topic-key";
import { literal } from "./terraform-literal";

export interface AlarmTopicProps {
  readonly topic: Topic;
  readonly context: AccountContext;
}

/** An SNS topic that only this account's CloudWatch alarms may publish to, with its subscriptions. */
export class AlarmTopic extends Construct {
  readonly snsTopic: SnsTopic;

  constructor(scope: Construct, props: AlarmTopicProps) {
    const { topic } = props;
    super(scope, topic.key);
    const id = logicalId(topic.key);
    const previous = topic.movedFrom === undefined ? undefined : logicalId(topic.movedFrom);

    let kmsMasterKeyId: string | undefined;
    if (topic.encryption.kind === "create-key") {
      kmsMasterKeyId = new TopicKey(this, { topicKey: topic.key, previousKey: topic.movedFrom, topicName: topic.name, context: props.context }).key.arn;
    } else if (topic.encryption.kind === "existing-key") {
      kmsMasterKeyId = topic.encryption.keyArn;
    }

    this.snsTopic = new SnsTopic(this, "topic", { name: topic.name, displayName: literal(topic.displayName), kmsMasterKeyId });
    placeResource(this.snsTopic, id, previous);
    annotate(this.snsTopic, { topic: topic.key });

    const topicPolicy = new SnsTopicPolicy(this, "policy", {
      arn: this.snsTopic.arn,
      policy: renderPolicy(alarmTopicPolicy(this.snsTopic.arn, props.context)),
    });
    placeResource(topicPolicy, id, previous);
    annotate(topicPolicy, { topic: topic.key });

    for (const subscription of topic.subscriptions) {
      const resource = new SnsTopicSubscription(this, subscription.key, {
        topicArn: this.snsTopic.arn,
        protocol: subscription.protocol,
        endpoint: literal(subscription.endpoint),
        subscriptionRoleArn: subscription.roleArn,
      });
      placeResource(resource, logicalId(topic.key, subscription.key), topic.movedFrom && logicalId(topic.movedFrom, subscription.key));
      annotate(resource, { topic: topic.key, subscription: `${subscription.protocol} ${subscription.endpoint}` });
    }
  }
}
