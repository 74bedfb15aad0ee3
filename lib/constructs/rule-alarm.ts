import { Construct } from "constructs";
import { CloudwatchLogMetricFilter, CloudwatchMetricAlarm } from "../aws";
import { FilterVariant } from "../model/filter-variant";
import { DeployedRule, PerAccountAlarms } from "../model/model";
import { RuleNote } from "../terraform/resource-notes";
import { annotate } from "./annotate";
import { RULE_ADDRESSES } from "../config/addresses";
import { placeResource } from "./logical-id";
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
 * so the pair cannot drift apart. Per-account alarms, when asked, come as a second filter.
 */
export class RuleAlarm extends Construct {
  readonly filter: CloudwatchLogMetricFilter;
  readonly alarm: CloudwatchMetricAlarm;
  /** Filters on the same metric for compliance scanners (lib/scanners/plan-variants.ts). */
  readonly variants: CloudwatchLogMetricFilter[];
  /** One per source account, when the rule alarms per account. */
  readonly perAccountAlarms: readonly { readonly account: string; readonly resource: CloudwatchMetricAlarm }[];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: RuleAlarmProps,
  ) {
    super(scope, id);
    const { rule } = props;
    this.filter = new CloudwatchLogMetricFilter(this, "filter", {
      name: literal(rule.filterName),
      logGroupName: props.logGroupName,
      pattern: literal(rule.filterPattern),
      metricTransformation: {
        name: literal(rule.metricName),
        namespace: literal(rule.namespace),
        value: literal(rule.filterValue),
        defaultValue: rule.defaultValue === undefined ? undefined : String(rule.defaultValue),
      },
    });
    const previous = rule.movedFrom === undefined ? undefined : RULE_ADDRESSES.rule(rule.movedFrom);
    placeResource(this.filter, RULE_ADDRESSES.rule(rule.id), previous);
    this.variants = rule.variants.map((variant) => this.variantFilter(variant, props.logGroupName));

    this.alarm = new CloudwatchMetricAlarm(this, "alarm", {
      alarmName: literal(rule.alarmName),
      alarmDescription: literal(rule.alarmDescription),
      namespace: this.filter.metricTransformation.namespace,
      metricName: this.filter.metricTransformation.name,
      ...evaluationAndActions(rule, props),
    });
    placeResource(this.alarm, RULE_ADDRESSES.rule(rule.id), previous);
    const note = ruleNote(rule);
    annotate(this.filter, { rule: note });
    annotate(this.alarm, { rule: note });
    for (const variant of this.variants) annotate(variant, { rule: note });
    this.perAccountAlarms = rule.perAccount ? new PerAccountRuleAlarms(this, "per-account", { ...props, perAccount: rule.perAccount, note }).alarms : [];
  }

  /**
   * A scanner's pattern on the rule's metric: the rule's one alarm covers it. It has no
   * default value (the rule's own filter publishes that) and counts only when it widens
   * the rule; otherwise it publishes 0 and exists for the scanner to find.
   */
  private variantFilter(variant: FilterVariant, logGroupName: string): CloudwatchLogMetricFilter {
    const { rule } = this.props;
    const filter = new CloudwatchLogMetricFilter(this, `filter-${variant.key}`, {
      name: literal(variant.filterName),
      logGroupName,
      pattern: literal(variant.pattern),
      metricTransformation: { name: literal(rule.metricName), namespace: literal(rule.namespace), value: literal(variant.value) },
    });
    placeResource(filter, RULE_ADDRESSES.variant(rule.id, variant.key), rule.movedFrom && RULE_ADDRESSES.variant(rule.movedFrom, variant.key));
    return filter;
  }
}

interface PerAccountProps extends RuleAlarmProps {
  readonly perAccount: PerAccountAlarms;
  readonly note: RuleNote;
}

/**
 * The rule's events account by account, under an organization trail: a second filter with
 * the same pattern publishes the metric with the event's account as a dimension, and each
 * account's alarm watches its own dimension value. The filter has no default value
 * (CloudWatch refuses one with dimensions), so a quiet account's periods are missing data.
 */
class PerAccountRuleAlarms extends Construct {
  readonly alarms: { readonly account: string; readonly resource: CloudwatchMetricAlarm }[] = [];

  constructor(scope: Construct, id: string, props: PerAccountProps) {
    super(scope, id);
    const { rule, perAccount } = props;
    const filter = new CloudwatchLogMetricFilter(this, "filter", {
      name: literal(perAccount.filterName),
      logGroupName: props.logGroupName,
      pattern: literal(rule.countingPattern),
      metricTransformation: {
        name: literal(perAccount.metricName),
        namespace: literal(rule.namespace),
        value: "1",
        dimensions: { [perAccount.dimension.name]: perAccount.dimension.selector },
      },
    });
    filter.overrideLogicalId(RULE_ADDRESSES.perAccountFilter(rule.id));
    annotate(filter, { rule: props.note });
    for (const { account, alarmName, alarmDescription } of perAccount.alarms) {
      const alarm = new CloudwatchMetricAlarm(this, account.name, {
        alarmName: literal(alarmName),
        alarmDescription: literal(alarmDescription),
        namespace: filter.metricTransformation.namespace,
        metricName: filter.metricTransformation.name,
        dimensions: { [perAccount.dimension.name]: account.id },
        ...evaluationAndActions(rule, props),
      });
      alarm.overrideLogicalId(RULE_ADDRESSES.perAccountAlarm(rule.id, account.name));
      annotate(alarm, { rule: props.note });
      this.alarms.push({ account: account.name, resource: alarm });
    }
  }
}

/** How an alarm of this rule evaluates its metric, and whom it tells: the same for the rule's alarm and its per-account alarms. */
function evaluationAndActions(rule: DeployedRule, props: Pick<RuleAlarmProps, "topicArn" | "okActions">) {
  return {
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
  };
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
