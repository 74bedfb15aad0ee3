import { ControlCondition, ScannerId } from "./scanner-data";
import { AlarmFact, FilterFact, StackFacts, TopicFact } from "../terraform/stack-facts";

export type CellStatus = "PASS" | "FAIL" | "N/A";

/** One scanner's verdict on one control, with the reason a reader needs. */
export interface Cell {
  readonly status: CellStatus;
  readonly reason: string;
}

/** A compliance scanner's CIS monitoring checks, as this project models them (lib/scanners/evaluators/). */
export interface Scanner {
  readonly id: ScannerId;
  /** Whether a filter with this pattern meets the scanner's pattern condition for the control. */
  accepts(condition: ControlCondition, pattern: string): boolean;
  /** The scanner's verdict on a stack: the pattern condition, then what it requires of alarms and topics. */
  evaluate(condition: ControlCondition, facts: StackFacts): Cell;
}

export const pass = (reason: string): Cell => ({ status: "PASS", reason });
export const fail = (reason: string): Cell => ({ status: "FAIL", reason });

/** Alarms on a filter's metric by metric name, as every scanner but Trivy matches them (namespace and dimensions aside). */
export function alarmsOnMetric(facts: StackFacts, filter: FilterFact): AlarmFact[] {
  return facts.alarms.filter((alarm) => alarm.metricName === filter.metricName && Object.keys(alarm.dimensions).length === 0);
}

/** The topics an alarm notifies that have a subscriber (a Chatbot channel subscribes when it is created). */
export function subscribedTopics(facts: StackFacts, alarm: AlarmFact): TopicFact[] {
  return alarm.alarmActions
    .map((action) => facts.topics.get(action))
    .filter((topic): topic is TopicFact => topic !== undefined && (topic.subscriptions > 0 || topic.chatbot));
}

/**
 * The usual path: a filter meeting the condition, an alarm on its metric and, when the
 * scanner asks, a subscribed topic; the first filter that gets furthest is reported.
 */
export function evaluateAlarmPath(scanner: Scanner, condition: ControlCondition, facts: StackFacts, needsSubscription: boolean, describe: string): Cell {
  const filters = facts.filters.filter((filter) => scanner.accepts(condition, filter.pattern));
  if (filters.length === 0) return fail(`no metric filter ${describe}`);
  let best: Cell | undefined;
  for (const filter of filters) {
    const alarms = alarmsOnMetric(facts, filter);
    if (alarms.length === 0) {
      best ??= fail(`filter ${filter.name} ${describe}, but no alarm watches its metric ${filter.metricName}`);
      continue;
    }
    if (!needsSubscription) return pass(`filter ${filter.name}, alarm ${alarms[0].name}`);
    const notified = alarms.flatMap((alarm) => subscribedTopics(facts, alarm).map((topic) => ({ alarm, topic })));
    if (notified.length) return pass(`filter ${filter.name}, alarm ${notified[0].alarm.name}, topic ${notified[0].topic.name}`);
    best = fail(`filter ${filter.name} and alarm ${alarms[0].name}, but no topic the alarm notifies has a subscription`);
  }
  return best!;
}
