import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { RuleAlarm } from "./rule-alarm";

export interface AccountOutputsProps {
  readonly logGroupName: string;
  /** [topic key, topic ARN], in topic key order. */
  readonly topicArns: readonly (readonly [string, string])[];
  readonly alarms: readonly RuleAlarm[];
}

/**
 * What the rest of a platform repo can reference (terraform_remote_state, or `terraform
 * output -json`): the topics by key, the alarms by rule id, and the log group the filters
 * watch. Keys are sorted so the output block is the same bytes for the same config.
 */
export class AccountOutputs extends Construct {
  constructor(scope: Construct, id: string, props: AccountOutputsProps) {
    super(scope, id);
    new TerraformOutput(this, "log_group_name", {
      value: props.logGroupName,
      description: "The CloudWatch Logs group the metric filters watch (the CloudTrail log group).",
    }).overrideLogicalId("log_group_name");
    new TerraformOutput(this, "topic_arns", {
      value: Object.fromEntries(props.topicArns),
      description: "ARN of each alarm topic, by topic key.",
    }).overrideLogicalId("topic_arns");
    const alarms = [...props.alarms].sort((a, b) => a.node.id.localeCompare(b.node.id));
    new TerraformOutput(this, "alarm_names", {
      value: Object.fromEntries(alarms.map((alarm) => [alarm.node.id, alarm.alarm.alarmName])),
      description: "Name of each rule's alarm, by rule id.",
    }).overrideLogicalId("alarm_names");
    const perAccount = alarms.filter((alarm) => alarm.perAccountAlarms.length > 0);
    if (perAccount.length > 0) {
      new TerraformOutput(this, "per_account_alarm_names", {
        value: Object.fromEntries(
          perAccount.map((alarm) => [alarm.node.id, Object.fromEntries(alarm.perAccountAlarms.map(({ account, resource }) => [account, resource.alarmName]))]),
        ),
        description: "Name of each per-account alarm, by rule id and account name (organization_trail.per_account_alarms).",
      }).overrideLogicalId("per_account_alarm_names");
    }
  }
}
