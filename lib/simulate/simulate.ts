import { EventEntry, toLogEvent } from "../events/read-events";
import { FilterPattern, PatternSyntaxError, Selector, matches, parsePattern, parseSelectorText, selectScalar } from "../pattern";
import { Datapoint, Transition, evaluateAlarm } from "./alarm-evaluation";
import { MinuteStats, TimedEvent, metricMinutes } from "./metric-datapoints";
import { AlarmSpec, FilterSpec, MetricKey, StackMonitoring, describeMetric, metricIdentity } from "./stack-monitoring";

export interface FilterResult {
  readonly filter: FilterSpec;
  /** Indexes (in the input) of the events the filter matched. */
  readonly matched: readonly number[];
  /** What it publishes: one series, or one per dimension value when its metric has dimensions. */
  readonly series: readonly MetricSeries[];
}

/** One metric as published: its concrete dimension values, the events behind it, its minutes. */
export interface MetricSeries {
  readonly metric: MetricKey;
  readonly matched: readonly number[];
  readonly minutes: readonly MinuteStats[];
}

export interface AlarmResult {
  readonly alarm: AlarmSpec;
  /** The events behind the metric the alarm watches. */
  readonly matched: readonly number[];
  readonly datapoints: readonly Datapoint[];
  readonly transitions: readonly Transition[];
}

export interface SimulationReport {
  readonly events: number;
  readonly from?: number;
  readonly to?: number;
  readonly filters: readonly FilterResult[];
  readonly alarms: readonly AlarmResult[];
  /** Wiring that cannot work, and events that could not be used. */
  readonly problems: readonly string[];
}

/**
 * Feeds timed CloudTrail events through every metric filter of a stack and replays every
 * alarm on what the filters emit. Alarms watching a metric no filter emits, alarms that
 * never fire although their filter matched, and alarms that notify nobody are reported.
 */
export interface SimulationOptions {
  /**
   * Assume the log group keeps receiving other events (a live account does), so filters
   * with a default value publish it every minute. Off: only the given events exist.
   */
  readonly background: boolean;
}

export function simulate(stack: StackMonitoring, entries: readonly EventEntry[], options: SimulationOptions = { background: true }): SimulationReport {
  const problems: string[] = [...stack.problems];
  const timed: { index: number; timed: TimedEvent }[] = [];
  for (const entry of entries) {
    if (entry.error) {
      problems.push(`event #${entry.index} (${entry.origin}) could not be read: ${entry.error}`);
      continue;
    }
    const time = eventTime(entry);
    if (time === undefined) {
      problems.push(`event #${entry.index} (${entry.origin}) has no valid eventTime (an ISO 8601 time from 1970 to 9999); it was left out`);
      continue;
    }
    timed.push({ index: entry.index, timed: { time, event: toLogEvent(entry) } });
  }
  // A loop, not Math.min(...times): 300,000 arguments overflow the call stack.
  let from: number | undefined;
  let to: number | undefined;
  for (const { timed: event } of timed) {
    from = from === undefined ? event.time : Math.min(from, event.time);
    to = to === undefined ? event.time : Math.max(to, event.time);
  }

  const filters: FilterResult[] = [];
  for (const filter of stack.filters) {
    let pattern: FilterPattern;
    try {
      pattern = parsePattern(filter.pattern);
    } catch (error) {
      if (!(error instanceof PatternSyntaxError)) throw error;
      problems.push(`${filter.address}: its pattern does not parse (column ${error.column}: ${error.reason}); left out`);
      continue;
    }
    const value = Number(filter.value);
    // Each event is matched once; the flags feed both the report and the metric.
    const flags = timed.map((item) => matches(pattern, item.timed.event));
    const matched = timed.filter((_, position) => flags[position]).map((item) => item.index);
    if (!Number.isFinite(value)) problems.push(`${filter.address}: metric value ${filter.value} is taken from the event; the simulation counts 1 per match`);
    const series = publishedSeries(filter, timed, flags, Number.isFinite(value) ? value : 1, problems);
    if (series) filters.push({ filter, matched, series });
  }

  // Series by metric, so each alarm finds its own at once (an organization has an alarm and a series per account).
  const seriesByMetric = new Map<string, { filter: FilterSpec; series: MetricSeries }[]>();
  for (const result of filters) {
    for (const series of result.series) {
      const key = metricIdentity(series.metric);
      const list = seriesByMetric.get(key);
      if (list) list.push({ filter: result.filter, series });
      else seriesByMetric.set(key, [{ filter: result.filter, series }]);
    }
  }
  const alarms: AlarmResult[] = stack.alarms.map((alarm) => {
    const feeding = seriesByMetric.get(metricIdentity(alarm.metric)) ?? [];
    const sources = feeding.map(({ filter, series }) => ({ filter, matched: series.matched, minutes: series.minutes }));
    if (sources.length === 0 && !filters.some((result) => emitsFamily(result.filter.metric, alarm.metric)))
      problems.push(
        unwatchedMetric(
          alarm,
          stack.filters.map((filter) => filter.metric),
        ),
      );
    if (alarm.alarmActions.length === 0 || !alarm.actionsEnabled) problems.push(`alarm ${alarm.name} notifies nobody when it fires`);
    const minutes = mergeMinutes(sources.map((source) => source.minutes));
    const defaults = sources.map((source) => source.filter.defaultValue);
    const background =
      options.background && defaults.length > 0 && defaults.every((value) => value !== undefined) ? defaults.reduce((a, b) => a! + b!, 0) : undefined;
    const evaluation = evaluateAlarm(alarm, minutes, background);
    // Several filters may publish one metric (scanner variants): an event counts as matched once.
    const matched = [...new Set(sources.flatMap((source) => source.matched))].sort((a, b) => a - b);
    const matchedEvents = matched.length;
    if (sources.length > 0 && matchedEvents > 0 && !evaluation.transitions.some((transition) => transition.to === "ALARM")) {
      problems.push(
        `alarm ${alarm.name} did not fire although ${matchedEvents} event(s) matched its filter (${alarm.statistic} ${alarm.comparison} ${alarm.threshold}, ${alarm.datapointsToAlarm} of ${alarm.evaluationPeriods} x ${alarm.period} s)`,
      );
    }
    return { alarm, matched, ...evaluation };
  });
  return { events: entries.length, from, to, filters, alarms, problems };
}

/**
 * Splits what a filter publishes by its dimensions. A dimension whose value is a `$.field`
 * selector takes the field from each matching event, so one filter publishes one metric per
 * distinct value (an organization trail's per-account metrics: one per recipientAccountId).
 * An event without the field adds to no series (reported). Returns undefined, with a
 * problem, when a dimension cannot be read at all.
 */
function publishedSeries(
  filter: FilterSpec,
  timed: readonly { index: number; timed: TimedEvent }[],
  flags: readonly boolean[],
  value: number,
  problems: string[],
): MetricSeries[] | undefined {
  const events = timed.map((item) => item.timed);
  const dimensions = Object.entries(filter.metric.dimensions);
  if (dimensions.length === 0) {
    const matched = timed.filter((_, position) => flags[position]).map((item) => item.index);
    return [{ metric: filter.metric, matched, minutes: metricMinutes(events, flags, value, filter.defaultValue) }];
  }
  const selectors: [string, Selector][] = [];
  for (const [name, source] of dimensions) {
    try {
      selectors.push([name, parseSelectorText(source)]);
    } catch (error) {
      if (!(error instanceof PatternSyntaxError)) throw error;
      problems.push(`${filter.address}: dimension ${name} is ${JSON.stringify(source)}, not a $.field selector; left out`);
      return undefined;
    }
  }
  // Each group keeps the positions of its events only: one pass over the events, whatever the number of series.
  const groups = new Map<string, { metric: MetricKey; positions: number[]; matched: number[] }>();
  let unlabelled = 0;
  timed.forEach((item, position) => {
    if (!flags[position]) return;
    const values = selectors.map(([name, selector]) => [name, selectScalar(selector, item.timed.event)] as const);
    if (values.some(([, found]) => found === undefined)) {
      unlabelled++;
      return;
    }
    const key = JSON.stringify(values);
    let group = groups.get(key);
    if (!group) {
      group = { metric: { ...filter.metric, dimensions: Object.fromEntries(values) as Record<string, string> }, positions: [], matched: [] };
      groups.set(key, group);
    }
    group.positions.push(position);
    group.matched.push(item.index);
  });
  if (unlabelled > 0) {
    problems.push(
      `${filter.address}: ${unlabelled} matching event(s) lack a dimension field (${dimensions.map(([name, source]) => `${name}: ${source}`).join(", ")}); the simulation publishes nothing for them`,
    );
  }
  // A metric with dimensions has no default value (CloudWatch refuses one): only matches publish.
  return [...groups.values()]
    .sort((a, b) => describeMetric(a.metric).localeCompare(describeMetric(b.metric)))
    .map((group) => {
      const own = group.positions.map((position) => events[position]);
      return {
        metric: group.metric,
        matched: group.matched,
        minutes: metricMinutes(
          own,
          own.map(() => true),
          value,
          undefined,
        ),
      };
    });
}

/**
 * Whether a filter publishes the alarm's metric for some dimension values (the alarm watches
 * one value no event has shown yet): the alarm is wired right, just quiet.
 */
function emitsFamily(published: MetricKey, watched: MetricKey): boolean {
  if (published.namespace !== watched.namespace || published.name !== watched.name) return false;
  const a = Object.keys(published.dimensions).sort();
  const b = Object.keys(watched.dimensions).sort();
  return a.length > 0 && JSON.stringify(a) === JSON.stringify(b) && a.every((name) => published.dimensions[name].startsWith("$."));
}

/**
 * Event times the replay takes: 1970 to 9999. JavaScript dates reach ±275,760 years, but a
 * window or a notification time a day past the last one must still be a date.
 */
const LATEST_EVENT_TIME = Date.UTC(9999, 11, 31, 23, 59, 59);

function eventTime(entry: EventEntry): number | undefined {
  const value = (entry.record as { eventTime?: unknown } | undefined)?.eventTime;
  if (typeof value !== "string") return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) || time < 0 || time > LATEST_EVENT_TIME ? undefined : time;
}

function mergeMinutes(series: readonly (readonly MinuteStats[])[]): MinuteStats[] {
  const merged = new Map<number, MinuteStats>();
  for (const minutes of series) {
    for (const stats of minutes) {
      const earlier = merged.get(stats.minute);
      merged.set(
        stats.minute,
        earlier
          ? {
              minute: stats.minute,
              sum: earlier.sum + stats.sum,
              count: earlier.count + stats.count,
              min: Math.min(earlier.min, stats.min),
              max: Math.max(earlier.max, stats.max),
            }
          : stats,
      );
    }
  }
  return [...merged.values()].sort((a, b) => a.minute - b.minute);
}

function unwatchedMetric(alarm: AlarmSpec, emitted: readonly MetricKey[]): string {
  const near = emitted.find((metric) => metric.name === alarm.metric.name);
  const hint = near ? `; the nearest filter emits ${describeMetric(near)}` : "";
  return `alarm ${alarm.name} watches ${describeMetric(alarm.metric)}, which no metric filter in this stack emits, so it can never fire${hint}`;
}
