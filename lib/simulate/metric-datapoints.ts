import { LogEvent } from "../pattern";

/** One minute of a metric as CloudWatch Logs publishes it: a statistic set of the samples. */
export interface MinuteStats {
  readonly minute: number;
  readonly sum: number;
  readonly count: number;
  readonly min: number;
  readonly max: number;
}

export interface TimedEvent {
  readonly time: number;
  readonly event: LogEvent;
}

/**
 * What a metric filter emits per minute (by event time), given which events its pattern
 * matched (`matched[i]` for `events[i]`). A matching event adds a sample of
 * the metric value; with a default value every other event adds a sample of that value;
 * minutes without samples publish nothing.
 */
export function metricMinutes(events: readonly TimedEvent[], matched: readonly boolean[], value: number, defaultValue: number | undefined): MinuteStats[] {
  const minutes = new Map<number, { sum: number; count: number; min: number; max: number }>();
  for (const [position, { time }] of events.entries()) {
    const sample = matched[position] ? value : defaultValue;
    if (sample === undefined) continue;
    const minute = Math.floor(time / 60_000) * 60_000;
    const stats = minutes.get(minute) ?? { sum: 0, count: 0, min: Infinity, max: -Infinity };
    stats.sum += sample;
    stats.count += 1;
    stats.min = Math.min(stats.min, sample);
    stats.max = Math.max(stats.max, sample);
    minutes.set(minute, stats);
  }
  return [...minutes.entries()].sort(([a], [b]) => a - b).map(([minute, stats]) => ({ minute, ...stats }));
}
