import { Construct } from "constructs";
import { CloudwatchLogMetricFilter, CloudwatchMetricAlarm } from "../aws";
import { DeployedRule } from "../config/model";
import { RuleNote } from "../review/resource-notes";
import { annotate } from "./annotate";
import { logicalId, placeResource } from "./logical-id";
import { literal } from "./terraform-literal";

export interface RuleAlarmProps {
  readonly rule: DeployedRule;
  readonly logGroupName: string;
  readonly topicArn: string;
  readonly okActions: boolean;
}

/**
 * One rule's metric filter and the alarm on exactly the metric it emits. The alarm reads
 * name and namespace from the filter itself and sets no dimensions (the filter emits none),
 * so the pair cannot drift apart.
 */
export class RuleAlarm extends Construct {
  readonly filter: CloudwatchLogMetricFilter;
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, props: RuleAlarmProps) {
    const { rule } = props;
    super(scope, rule.id);
    this.filter = new CloudwatchLogMetricFilter(this, "filter", {
      name: literal(rule.filterName),
      logGroupName: props.logGroupName,
      pattern: literal(rule.definition.pattern),
      metricTransformation: {
        name: literal(rule.metricName),
        namespace: literal(rule.namespace),
        value: literal(rule.metricValue),
        defaultValue: rule.defaultValue === undefined ? undefined : String(rule.defaultValue),
      },
    });
    const previous = rule.movedFrom === undefined ? undefined : logicalId(rule.movedFrom);
    placeResource(this.filter, logicalId(rule.id), previous);

    this.alarm = new CloudwatchMetricAlarm(this, "alarm", {
      alarmName: literal(rule.alarmName),
      alarmDescription: literal(rule.alarmDescription),
      namespace: this.filter.metricTransformation.namespace,
      metricName: this.filter.metricTransformation.name,
      statistic: rule.alarm.statistic,
      period: rule.alarm.period,
      evaluationPeriods: rule.alarm.evaluationPeriods,
      datapointsToAlarm: rule.alarm.datapointsToAlarm,
      threshold: rule.alarm.threshold,
      comparisonOperator: rule.alarm.comparison,
      treatMissingData: rule.alarm.treatMissingData,
      actionsEnabled: true,
      alarmActions: [props.topicArn],
      okActions: props.okActions ? [props.topicArn] : [],
    });
    placeResource(this.alarm, logicalId(rule.id), previous);
    const note = ruleNote(rule);
    annotate(this.filter, { rule: note });
    annotate(this.alarm, { rule: note });
  }
}

function ruleNote(rule: DeployedRule): RuleNote {
  const { references } = rule.definition;
  return {
    id: rule.id,
    title: rule.definition.title,
    severity: rule.definition.severity,
    references: [
      references.securityHub,
      references.cisV120 && `CIS v1.2.0 ${references.cisV120}`,
      references.cisV140 && `CIS v1.4.0 ${references.cisV140}`,
    ].filter((reference): reference is string => Boolean(reference)),
  };
}
