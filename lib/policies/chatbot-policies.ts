import { PolicyDocument, policy } from "./policy-document";

/**
 * Lets AWS Chatbot assume the channel role: the trust policy AWS documents for Chatbot
 * roles. It has no aws:SourceAccount condition because Chatbot does not document setting
 * that key when it assumes a role, and a condition it never meets would silently stop
 * every notification; what the role can do is bounded by its read-only permissions and
 * the channel guardrail instead.
 */
export function chatbotAssumeRolePolicy(): PolicyDocument {
  return policy({
    Sid: "ChatbotAssumesRole",
    Effect: "Allow",
    Principal: { Service: "chatbot.amazonaws.com" },
    Action: "sts:AssumeRole",
  });
}

/**
 * What a notifications-only channel needs: reading CloudWatch alarms and metrics, so that a
 * notification shows the alarm and its graph. It is both the channel role's permissions and
 * the channel's guardrail (the most any user of the channel may do through Chatbot), so
 * nobody can run commands against the account from the chat.
 */
export function chatbotReadOnlyPolicy(): PolicyDocument {
  return policy({
    Sid: "ReadAlarmsAndMetrics",
    Effect: "Allow",
    Action: [
      "cloudwatch:DescribeAlarms",
      "cloudwatch:DescribeAlarmHistory",
      "cloudwatch:GetMetricData",
      "cloudwatch:GetMetricStatistics",
      "cloudwatch:ListMetrics",
    ],
    Resource: "*",
  });
}
