import { AlarmSpec } from "./stack-monitoring";
import { MinuteStats } from "./metric-datapoints";

export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";

export interface Datapoint {
  /** Start of the period (epoch ms). */
  readonly start: number;
  readonly value?: number;
}

export interface Transition {
  /** When the alarm would change: the end of the period that decided it (epoch ms). */
  readonly time: number;
  readonly from: AlarmState;
  readonly to: AlarmState;
  readonly datapoints: readonly Datapoint[];
  /** Where notifications go (empty when actions are disabled or none are set for the new state). */
  readonly notify: readonly string[];
}

/**
 * Replays an alarm over a metric's minutes, period by period, the way CloudWatch evaluates
 * it: the statistic over each period's samples, the last N datapoints, M of them breaching,
 * missing datapoints treated as configured. The alarm starts OK (a quiet account).
 * `background` is the value a period shows when no event matched but the account kept
 * logging: a filter with a default value publishes it for every other event, so such a
 * period is not missing but holds the default (0). Without it, such periods are missing. Only
 * windows that touch a datapoint, plus the first empty window before and after each, are
 * evaluated: every other window is empty and decides the same way, so years of events
 * replay in milliseconds.
 */
export function evaluateAlarm(
  alarm: AlarmSpec,
  minutes: readonly MinuteStats[],
  background?: number,
): { datapoints: Datapoint[]; transitions: Transition[] } {
  const periodMs = alarm.period * 1000;
  const byPeriod = new Map<number, MinuteStats[]>();
  for (const stats of minutes) {
    const start = Math.floor(stats.minute / periodMs) * periodMs;
    byPeriod.set(start, [...(byPeriod.get(start) ?? []), stats]);
  }
  const values = new Map<number, number>();
  for (const [start, samples] of byPeriod) {
    const value = aggregate(alarm.statistic, samples);
    if (value !== undefined) values.set(start, value);
  }
  const dataStarts = [...values.keys()].sort((a, b) => a - b);
  if (dataStarts.length === 0) return { datapoints: [], transitions: [] };

  const windowEnds = new Set<number>([dataStarts[0] - periodMs]);
  for (const start of dataStarts) {
    for (let k = 0; k <= alarm.evaluationPeriods; k++) windowEnds.add(start + k * periodMs);
  }

  const transitions: Transition[] = [];
  let state: AlarmState = "OK";
  for (const end of [...windowEnds].sort((a, b) => a - b)) {
    const window: Datapoint[] = [];
    for (let start = end - (alarm.evaluationPeriods - 1) * periodMs; start <= end; start += periodMs) {
      window.push({ start, value: values.get(start) ?? background });
    }
    const next = decide(alarm, window, state);
    if (next !== state) {
      const actions = next === "ALARM" ? alarm.alarmActions : next === "OK" ? alarm.okActions : [];
      transitions.push({ time: end + periodMs, from: state, to: next, datapoints: window, notify: alarm.actionsEnabled ? actions : [] });
      state = next;
    }
  }
  return { datapoints: dataStarts.map((start) => ({ start, value: values.get(start) })), transitions };
}

function aggregate(statistic: string, samples: readonly MinuteStats[]): number | undefined {
  if (samples.length === 0) return undefined;
  const sum = samples.reduce((total, sample) => total + sample.sum, 0);
  const count = samples.reduce((total, sample) => total + sample.count, 0);
  switch (statistic) {
    case "Sum":
      return sum;
    case "SampleCount":
      return count;
    case "Average":
      return sum / count;
    case "Maximum":
      return Math.max(...samples.map((sample) => sample.max));
    case "Minimum":
      return Math.min(...samples.map((sample) => sample.min));
  }
  return undefined;
}

function breaches(alarm: AlarmSpec, value: number): boolean {
  switch (alarm.comparison) {
    case "GreaterThanOrEqualToThreshold":
      return value >= alarm.threshold;
    case "GreaterThanThreshold":
      return value > alarm.threshold;
    case "LessThanThreshold":
      return value < alarm.threshold;
    case "LessThanOrEqualToThreshold":
      return value <= alarm.threshold;
  }
  return false;
}

function decide(alarm: AlarmSpec, window: readonly Datapoint[], current: AlarmState): AlarmState {
  const present = window.filter((point) => point.value !== undefined);
  let breaching = present.filter((point) => breaches(alarm, point.value!)).length;
  const missing = window.length - present.length;
  switch (alarm.treatMissingData) {
    case "breaching":
      breaching += missing;
      break;
    case "ignore":
      if (present.length === 0) return current;
      break;
    case "missing":
      if (present.length === 0) return "INSUFFICIENT_DATA";
      break;
    default: // notBreaching: missing datapoints count as good
      break;
  }
  return breaching >= alarm.datapointsToAlarm ? "ALARM" : "OK";
}
