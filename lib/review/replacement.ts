/**
 * Arguments whose change makes Terraform destroy and recreate the resource (ForceNew in
 * hashicorp/aws 5.x), for the resource types this project writes. A replaced SNS topic
 * loses its subscriptions' confirmations; a replaced bucket or log group loses its data.
 */
export const REPLACING_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  aws_accessanalyzer_analyzer: ["analyzer_name", "type", "configuration"],
  // Both Chatbot configurations update in place (hashicorp/aws 5.100 marks nothing RequiresReplace).
  aws_chatbot_slack_channel_configuration: [],
  aws_chatbot_teams_channel_configuration: [],
  aws_cloudtrail: ["name"],
  // CloudWatch keys a dashboard by its name (PutDashboard); the day-2 tests hold this to a real plan.
  aws_cloudwatch_dashboard: ["dashboard_name"],
  aws_cloudwatch_log_group: ["name", "name_prefix"],
  aws_cloudwatch_log_metric_filter: ["name", "log_group_name"],
  aws_cloudwatch_metric_alarm: ["alarm_name"],
  aws_iam_policy: ["name", "name_prefix", "path", "description"],
  aws_iam_role: ["name", "name_prefix", "path"],
  aws_iam_role_policy: ["name", "role"],
  aws_kms_alias: ["name"],
  aws_kms_key: ["customer_master_key_spec", "key_usage", "multi_region"],
  aws_s3_bucket: ["bucket", "bucket_prefix"],
  aws_s3_bucket_ownership_controls: ["bucket"],
  aws_s3_bucket_policy: ["bucket"],
  aws_s3_bucket_public_access_block: ["bucket"],
  aws_s3_bucket_server_side_encryption_configuration: ["bucket"],
  aws_s3_bucket_versioning: ["bucket"],
  aws_securityhub_account: ["enable_default_standards"],
  aws_securityhub_standards_subscription: ["standards_arn"],
  aws_sns_topic: ["name", "name_prefix", "fifo_topic"],
  aws_sns_topic_policy: ["arn"],
  aws_sns_topic_subscription: ["topic_arn", "protocol", "endpoint"],
};
