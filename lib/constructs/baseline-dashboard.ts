import { Construct } from "constructs";
import { CloudwatchDashboard } from "../aws";
import { LIMITS } from "../model/aws-facts";
import { Dashboard } from "../model/model";
import { literal } from "./terraform-literal";

/** One rule's alarm on the dashboard: the graph of its metric, and its state among the others. */
export interface DashboardAlarm {
  /** The rule's title (from its pack), the graph's title. */
  readonly title: string;
  readonly alarmArn: string;
}

export interface BaselineDashboardProps {
  readonly dashboard: Dashboard;
  readonly accountName: string;
  /** The home region, where the alarms are. */
  readonly region: string;
  /** The CloudTrail log group, as the heading names it (`<prefix>*` when it is found by its prefix). */
  readonly logGroupName: string;
  /** The rules' own alarms, in rule id order. */
  readonly ruleAlarms: readonly DashboardAlarm[];
  /**
   * Further alarms to show the state of (per-account alarms), in order.
   * @default none
   */
  readonly otherAlarmArns?: readonly string[];
}

/**
 * A CloudWatch dashboard of the baseline (config: dashboard), in the account's home region:
 * the state of every alarm, then one graph per rule. Each graph is drawn from the rule's
 * alarm itself (an alarm annotation, no metric of its own), so it shows exactly the metric
 * the alarm watches, with the alarm's threshold, and cannot drift from it.
 */
export class BaselineDashboard extends Construct {
  readonly resource: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: BaselineDashboardProps) {
    super(scope, id);
    this.resource = new CloudwatchDashboard(this, "resource", {
      dashboardName: literal(props.dashboard.name),
      dashboardBody: dashboardBody(props),
    });
    this.resource.overrideLogicalId("baseline");
  }
}

const GRID_WIDTH = 24;
const GRAPH = { width: 8, height: 6 };
const ALARM_STATUS_HEIGHT = 6;

/**
 * The dashboard body (CloudWatch's dashboard body structure), as pretty JSON so that a change
 * reads as a small diff in review. Widgets have fixed positions: the same rules give the
 * same bytes; their number is dashboardWidgetCount's (lib/config/build-dashboard.ts, which
 * checks it against CloudWatch's limit). Text from the config and the packs is escaped for
 * Terraform; the alarm ARNs are references.
 */
export function dashboardBody(props: Omit<BaselineDashboardProps, "dashboard">): string {
  const widgets: object[] = [];
  widgets.push({
    type: "text",
    x: 0,
    y: 0,
    width: GRID_WIDTH,
    height: 2,
    properties: {
      markdown: literal(
        `## CIS AWS Foundations Benchmark monitoring: account ${props.accountName}\n` +
          `One alarm per rule on the CloudTrail log group \`${props.logGroupName}\` (${props.ruleAlarms.length} rules); each graph below shows a rule's metric and its alarm's threshold.`,
      ),
    },
  });
  let y = 2;
  const arns = [...props.ruleAlarms.map((alarm) => alarm.alarmArn), ...(props.otherAlarmArns ?? [])];
  for (let start = 0; start < arns.length; start += LIMITS.alarmsPerStatusWidget) {
    const part = arns.length > LIMITS.alarmsPerStatusWidget ? ` (${start / LIMITS.alarmsPerStatusWidget + 1})` : "";
    widgets.push({
      type: "alarm",
      x: 0,
      y,
      width: GRID_WIDTH,
      height: ALARM_STATUS_HEIGHT,
      properties: { title: `Alarm state${part}`, alarms: arns.slice(start, start + LIMITS.alarmsPerStatusWidget), sortBy: "stateUpdatedTimestamp" },
    });
    y += ALARM_STATUS_HEIGHT;
  }
  const perRow = GRID_WIDTH / GRAPH.width;
  props.ruleAlarms.forEach((alarm, index) => {
    widgets.push({
      type: "metric",
      x: (index % perRow) * GRAPH.width,
      y: y + Math.floor(index / perRow) * GRAPH.height,
      width: GRAPH.width,
      height: GRAPH.height,
      properties: { title: literal(alarm.title), region: props.region, view: "timeSeries", stacked: false, annotations: { alarms: [alarm.alarmArn] } },
    });
  });
  return JSON.stringify({ widgets }, null, 2);
}
