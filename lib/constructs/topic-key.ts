import { Construct } from "constructs";
import { KmsAlias, KmsKey } from "../aws";
import { AccountContext, renderPolicy } from "../policies/policy-document";
import { alarmTopicKeyPolicy } from "../policies/alarm-topic-policies";
import { annotate } from "./annotate";
import { TOPIC_ADDRESSES } from "../config/addresses";
import { placeResource } from "./logical-id";
import { literal } from "./terraform-literal";

export interface TopicKeyProps {
  readonly topicKey: string;
  /**
   * The topic's previous key, when it was renamed: the key and its alias get `moved` blocks from there.
   * @default not renamed
   */
  readonly previousKey?: string;
  readonly topicName: string;
  readonly context: AccountContext;
}

/** A customer-managed KMS key (rotation on) that CloudWatch may use to publish to one topic. */
export class TopicKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: TopicKeyProps) {
    super(scope, id);
    this.key = new KmsKey(this, "key", {
      description: literal(`Encrypts SNS topic ${props.topicName}; lets CloudWatch alarms publish to it`),
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: renderPolicy(alarmTopicKeyPolicy(props.context)),
    });
    const previous = props.previousKey === undefined ? undefined : TOPIC_ADDRESSES.topic(props.previousKey);
    placeResource(this.key, TOPIC_ADDRESSES.topic(props.topicKey), previous);
    annotate(this.key, { topic: props.topicKey });
    const alias = new KmsAlias(this, "alias", { name: literal(`alias/${props.topicName}`), targetKeyId: this.key.keyId });
    placeResource(alias, TOPIC_ADDRESSES.topic(props.topicKey), previous);
    annotate(alias, { topic: props.topicKey });
  }
}
