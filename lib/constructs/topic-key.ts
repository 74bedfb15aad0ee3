import { Construct } from "constructs";
import { KmsAlias, KmsKey } from "../aws";
import { AccountContext, renderPolicy } from "../policies/policy-document";
import { alarmTopicKeyPolicy } from "../policies/alarm-topic-policies";
import { logicalId } from "./logical-id";

export interface TopicKeyProps {
  readonly topicKey: string;
  readonly topicName: string;
  readonly context: AccountContext;
}

/** A customer-managed KMS key (rotation on) that CloudWatch may use to publish to one topic. */
export class TopicKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, props: TopicKeyProps) {
    super(scope, "key");
    this.key = new KmsKey(this, "key", {
      description: `Encrypts SNS topic ${props.topicName}; lets CloudWatch alarms publish to it`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: renderPolicy(alarmTopicKeyPolicy(props.context)),
    });
    this.key.overrideLogicalId(logicalId(props.topicKey));
    const alias = new KmsAlias(this, "alias", { name: `alias/${props.topicName}`, targetKeyId: this.key.keyId });
    alias.overrideLogicalId(logicalId(props.topicKey));
  }
}
