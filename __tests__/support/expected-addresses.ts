import { RegionGroup, regionGroupOf } from "../../lib/model/aws-facts";
import { AccountModel } from "../../lib/model/model";

const id = (...parts: string[]) => parts.join("_").replace(/[^A-Za-z0-9_]+/g, "_");

/**
 * The resource addresses a plan must create for an account, derived from the model alone
 * (independently of the constructs), so a plan test checks that the Terraform asks for
 * exactly what the config asks for: nothing missing, nothing extra.
 */
export function expectedAddresses(account: AccountModel): string[] {
  return [...expectedAccountStackAddresses(account), ...account.stacks.regional.flatMap((stack) => expectedRegionalAddresses(account, stack.group))].sort();
}

/** What the account stack creates. */
export function expectedAccountStackAddresses(account: AccountModel): string[] {
  const addresses: string[] = [];
  for (const rule of account.rules) {
    addresses.push(`aws_cloudwatch_log_metric_filter.${id(rule.id)}`, `aws_cloudwatch_metric_alarm.${id(rule.id)}`);
    for (const variant of rule.variants) addresses.push(`aws_cloudwatch_log_metric_filter.${id(rule.id, variant.key)}`);
    if (rule.perAccount) {
      addresses.push(`aws_cloudwatch_log_metric_filter.${id(rule.id, "by_account")}`);
      for (const alarm of rule.perAccount.alarms) addresses.push(`aws_cloudwatch_metric_alarm.${id(rule.id, "in", alarm.account.name)}`);
    }
  }
  for (const topic of account.topics) {
    addresses.push(`aws_sns_topic.${id(topic.key)}`, `aws_sns_topic_policy.${id(topic.key)}`);
    if (topic.encryption.kind === "create-key") addresses.push(`aws_kms_key.${id(topic.key)}`, `aws_kms_alias.${id(topic.key)}`);
    for (const subscription of topic.subscriptions) addresses.push(`aws_sns_topic_subscription.${id(topic.key, subscription.key)}`);
    if (topic.chatbot) {
      addresses.push(
        `aws_chatbot_${topic.chatbot.kind}_channel_configuration.${id(topic.key)}`,
        `aws_iam_role.${id(topic.key, "chatbot")}`,
        `aws_iam_role_policy.${id(topic.key, "chatbot")}`,
        `aws_iam_policy.${id(topic.key, "chatbot")}`,
      );
    }
  }
  if (account.dashboard && account.logGroup) addresses.push("aws_cloudwatch_dashboard.baseline");
  if (account.passwordPolicy.enabled) addresses.push("aws_iam_account_password_policy.account");
  if (account.logGroup?.mode === "create") addresses.push("aws_cloudwatch_log_group.cloudtrail");
  if (account.trail) {
    for (const type of [
      "aws_cloudtrail",
      "aws_s3_bucket",
      "aws_s3_bucket_ownership_controls",
      "aws_s3_bucket_public_access_block",
      "aws_s3_bucket_versioning",
      "aws_s3_bucket_server_side_encryption_configuration",
      "aws_s3_bucket_policy",
      "aws_iam_role",
      "aws_iam_role_policy",
    ]) {
      addresses.push(`${type}.cloudtrail`);
    }
  }
  return addresses.sort();
}

/** What the regional stack of one group of regions creates: the group's listed regions' analyzers and Security Hub. */
export function expectedRegionalAddresses(account: AccountModel, group: RegionGroup): string[] {
  const addresses: string[] = [];
  const regions = account.regions.filter((region) => regionGroupOf(region) === group);
  if (account.accessAnalyzer.enabled) {
    for (const region of regions) {
      addresses.push(`aws_accessanalyzer_analyzer.${id(region)}`);
      if (account.accessAnalyzer.unusedAccessAgeDays !== undefined) addresses.push(`aws_accessanalyzer_analyzer.${id(region, "unused_access")}`);
    }
  }
  if (account.securityHub.enabled) {
    for (const region of regions) {
      addresses.push(`aws_securityhub_account.${id(region)}`);
      for (const standard of account.securityHub.standards) addresses.push(`aws_securityhub_standards_subscription.${id(region, standard)}`);
    }
  }
  return addresses.sort();
}
