import { SimulationReport } from "./simulate";
import { describeMetric } from "./stack-monitoring";

const iso = (time: number) => new Date(time).toISOString().replace(".000Z", "Z");

/** A report a person reads: when each alarm would change state and whom it would notify. */
export function renderText(report: SimulationReport, title: string): string {
  const lines: string[] = [];
  const span = report.from === undefined ? "no timed events" : `${iso(report.from)} .. ${iso(report.to!)}`;
  lines.push(`${title}: ${report.events} events (${span})`);
  for (const result of report.alarms) {
    const alarm = result.alarm;
    const matched = result.matched.length;
    lines.push("");
    lines.push(
      `alarm ${alarm.name}  ${describeMetric(alarm.metric)}  ${alarm.statistic} ${alarm.comparison} ${alarm.threshold}, ${alarm.datapointsToAlarm} of ${alarm.evaluationPeriods} x ${alarm.period} s`,
    );
    lines.push(`  ${matched} matching event(s)${matched ? ` (#${result.matched.join(", #")})` : ""}`);
    for (const transition of result.transitions) {
      const values = transition.datapoints.map((point) => (point.value === undefined ? "-" : String(point.value))).join(" ");
      const notify = transition.notify.length ? `notify ${transition.notify.join(", ")}` : "no notification";
      lines.push(`  ${iso(transition.time)}  ${transition.from} -> ${transition.to}  [${values}]  ${notify}`);
    }
  }
  if (report.problems.length) {
    lines.push("");
    lines.push("problems:");
    for (const problem of report.problems) lines.push(`  ${problem}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The same as data, for scripts: one JSON document. */
export function renderJson(report: SimulationReport, title: string): string {
  return `${JSON.stringify(
    {
      stack: title,
      events: report.events,
      from: report.from === undefined ? null : iso(report.from),
      to: report.to === undefined ? null : iso(report.to),
      alarms: report.alarms.map((result) => ({
        alarm: result.alarm.name,
        metric: describeMetric(result.alarm.metric),
        matched: result.matched,
        transitions: result.transitions.map((transition) => ({
          time: iso(transition.time),
          from: transition.from,
          to: transition.to,
          notify: transition.notify,
          datapoints: transition.datapoints.map((point) => ({ start: iso(point.start), value: point.value ?? null })),
        })),
      })),
      filters: report.filters.map((result) => ({ filter: result.filter.name, metric: describeMetric(result.filter.metric), matched: result.matched })),
      problems: report.problems,
    },
    null,
    2,
  )}\n`;
}
