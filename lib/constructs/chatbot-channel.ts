import { Construct } from "constructs";
import { AwsProvider, ChatbotSlackChannelConfiguration, ChatbotTeamsChannelConfiguration, IamPolicy, IamRole, IamRolePolicy } from "../aws";
import { ChatbotChannel as ChannelSettings } from "../model/model";
import { chatbotAssumeRolePolicy, chatbotReadOnlyPolicy } from "../policies/chatbot-policies";
import { renderPolicy } from "../policies/policy-document";
import { annotate } from "./annotate";
import { TOPIC_ADDRESSES } from "../config/addresses";
import { literal } from "./terraform-literal";

export interface ChatbotChannelProps {
  readonly topicKey: string;
  readonly topicName: string;
  readonly topicArn: string;
  readonly channel: ChannelSettings;
  /** The provider in the channel's region (Chatbot's API answers in a few regions only). */
  readonly provider: AwsProvider;
}

/**
 * A Slack or Microsoft Teams channel that AWS Chatbot posts a topic's notifications to:
 * CloudWatch publishes to the topic, Chatbot subscribes to it (the subscription is made by
 * this configuration through the deploying account, so the topic policy grants no one
 * else). The channel role and its guardrail allow reading alarms and metrics only.
 */
export class ChatbotChannel extends Construct {
  constructor(scope: Construct, id: string, props: ChatbotChannelProps) {
    super(scope, id);
    const address = TOPIC_ADDRESSES.chatbotRole(props.topicKey);
    const name = props.channel.name;
    const role = new IamRole(this, "role", {
      name: literal(name),
      description: literal(`AWS Chatbot posts ${props.topicName}'s alarm notifications; read-only`),
      assumeRolePolicy: renderPolicy(chatbotAssumeRolePolicy()),
    });
    role.overrideLogicalId(address);
    const permissions = new IamRolePolicy(this, "role-policy", { name: "read-alarms", role: role.id, policy: renderPolicy(chatbotReadOnlyPolicy()) });
    permissions.overrideLogicalId(address);
    const guardrail = new IamPolicy(this, "guardrail", {
      name: literal(`${name}-guardrail`),
      description: literal(`The most anyone may do through the Chatbot channel of ${props.topicName}: read alarms and metrics`),
      policy: renderPolicy(chatbotReadOnlyPolicy()),
    });
    guardrail.overrideLogicalId(address);
    const common = {
      provider: props.provider,
      configurationName: literal(name),
      iamRoleArn: role.arn,
      snsTopicArns: [props.topicArn],
      guardrailPolicyArns: [guardrail.arn],
      loggingLevel: props.channel.loggingLevel,
    };
    const configuration =
      props.channel.kind === "slack"
        ? new ChatbotSlackChannelConfiguration(this, "slack", {
            ...common,
            slackTeamId: literal(props.channel.teamId),
            slackChannelId: literal(props.channel.channelId),
          })
        : new ChatbotTeamsChannelConfiguration(this, "teams", {
            ...common,
            tenantId: literal(props.channel.tenantId),
            teamId: literal(props.channel.teamId),
            channelId: literal(props.channel.channelId),
          });
    configuration.overrideLogicalId(TOPIC_ADDRESSES.topic(props.topicKey));
    for (const resource of [role, permissions, guardrail, configuration]) annotate(resource, { topic: props.topicKey });
  }
}
