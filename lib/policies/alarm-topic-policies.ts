import { AccountContext, PolicyDocument, policy } from "./policy-document";

/** ARNs of every CloudWatch alarm in this account and region. */
export function alarmArnPattern(context: AccountContext): string {
  return `arn:${context.partition}:cloudwatch:${context.region}:${context.accountId}:alarm:*`;
}

/**
 * Who may publish to an alarm topic: the CloudWatch service, on behalf of this account's
 * alarms only (aws:SourceAccount and aws:SourceArn prevent the confused-deputy problem),
 * and never over plain HTTP. No statement grants anyone else; same-account IAM principals
 * still need their own IAM permissions.
 */
export function alarmTopicPolicy(topicArn: string, context: AccountContext): PolicyDocument {
  return policy(
    {
      Sid: "AllowThisAccountsCloudWatchAlarms",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: {
        StringEquals: { "aws:SourceAccount": context.accountId },
        ArnLike: { "aws:SourceArn": alarmArnPattern(context) },
      },
    },
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  );
}

/**
 * Key policy for a topic's customer-managed key. SNS encrypts each message with the
 * publisher's permissions, so CloudWatch itself must be allowed GenerateDataKey* and
 * Decrypt; the AWS managed aws/sns key cannot grant that, which is why alarms to a topic
 * encrypted with it are silently dropped.
 */
export function alarmTopicKeyPolicy(context: AccountContext): PolicyDocument {
  return policy(
    {
      Sid: "AccountAdministersKey",
      Effect: "Allow",
      Principal: { AWS: `arn:${context.partition}:iam::${context.accountId}:root` },
      Action: "kms:*",
      Resource: "*",
    },
    {
      Sid: "AllowThisAccountsCloudWatchAlarms",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceAccount": context.accountId },
        ArnLike: { "aws:SourceArn": alarmArnPattern(context) },
      },
    },
  );
}
