import { breachesThreshold } from "../model/alarm-comparisons";
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
export function evaluateAlarm(alarm: AlarmSpec, minutes: readonly MinuteStats[], background?: number): { datapoints: Datapoint[]; transitions: Transition[] } {
  const periodMs = alarm.period * 1000;
  const byPeriod = new Map<number, MinuteStats[]>();
  for (const stats of minutes) {
    const start = Math.floor(stats.minute / periodMs) * periodMs;
    const samples = byPeriod.get(start);
    if (samples) samples.push(stats);
    else byPeriod.set(start, [stats]);
  }
  const values = new Map<number, number>();
  for (const [start, samples] of byPeriod) {
    const value = aggregate(alarm.statistic, samples);
    if (value !== undefined) values.set(start, value);
  }
  const dataStarts = [...values.keys()].sort((a, b) => a - b);
  if (dataStarts.length === 0) return { datapoints: [], transitions: [] };

  // A window changes only when a datapoint enters it (the window ending at its period) or
  // leaves it (the window ending evaluation_periods later); between those it decides alike.
  const span = alarm.evaluationPeriods * periodMs;
  const windowEnds = [...new Set([dataStarts[0] - periodMs, ...dataStarts.flatMap((start) => [start, start + span])])].sort((a, b) => a - b);
  const transitions: Transition[] = [];
  let state: AlarmState = "OK";
  for (const end of windowEnds) {
    const first = end - (alarm.evaluationPeriods - 1) * periodMs;
    const inWindow = dataStarts.slice(lowerBound(dataStarts, first), lowerBound(dataStarts, end + 1));
    const next = decide(
      alarm,
      inWindow.map((start) => values.get(start)!),
      background,
      state,
    );
    if (next !== state) {
      const actions = next === "ALARM" ? alarm.alarmActions : next === "OK" ? alarm.okActions : [];
      transitions.push({
        time: end + periodMs,
        from: state,
        to: next,
        datapoints: windowPoints(first, end, periodMs, values, background),
        notify: alarm.actionsEnabled ? actions : [],
      });
      state = next;
    }
  }
  return { datapoints: dataStarts.map((start) => ({ start, value: values.get(start) })), transitions };
}

/** The datapoints of one window, for the report (at most MAX_SHOWN, the latest). */
function windowPoints(first: number, end: number, periodMs: number, values: ReadonlyMap<number, number>, background?: number): Datapoint[] {
  const MAX_SHOWN = 60;
  const points: Datapoint[] = [];
  for (let start = Math.max(first, end - (MAX_SHOWN - 1) * periodMs); start <= end; start += periodMs)
    points.push({ start, value: values.get(start) ?? background });
  return points;
}

/** The index of the first element >= value in a sorted array. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
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
      return samples.reduce((max, sample) => Math.max(max, sample.max), -Infinity);
    case "Minimum":
      return samples.reduce((min, sample) => Math.min(min, sample.min), Infinity);
  }
  return undefined;
}

/**
 * One window's verdict: `present` are the values of the periods in it that hold data; the
 * others are missing, or show `background` when the account keeps logging.
 */
function decide(alarm: AlarmSpec, present: readonly number[], background: number | undefined, current: AlarmState): AlarmState {
  const periods = alarm.evaluationPeriods;
  let breaching = present.filter((value) => breachesThreshold(alarm.comparison, value, alarm.threshold)).length;
  let missing = periods - present.length;
  if (background !== undefined) {
    if (breachesThreshold(alarm.comparison, background, alarm.threshold)) breaching += missing;
    missing = 0;
  }
  switch (alarm.treatMissingData) {
    case "breaching":
      breaching += missing;
      break;
    case "ignore":
      if (missing === periods) return current;
      break;
    case "missing":
      if (missing === periods) return "INSUFFICIENT_DATA";
      break;
    default: // notBreaching: missing datapoints count as good
      break;
  }
  return breaching >= alarm.datapointsToAlarm ? "ALARM" : "OK";
}
