import { LIMITS } from "../model/aws-facts";
import { AlarmSettings, SourceRef } from "../model/model";
import { eventsToFire } from "./alarm-settings";

/** Reports each problem as a sentence about "the alarm(s) for <rules>", so shared defaults report once. */
export function checkAlarm(
  alarm: AlarmSettings,
  metricValue: string,
  hasDefaultValue: boolean,
  at: (field: keyof AlarmSettings) => SourceRef,
  /** Where the config sets the metric value, when it does: a value that cannot fire is blamed there. */
  valueAt: SourceRef | undefined,
  report: (where: SourceRef, message: (alarms: string) => string) => void,
): void {
  if (alarm.period % LIMITS.periodMultiple !== 0) {
    report(at("period"), (alarms) => `${alarms}: period ${alarm.period} must be a multiple of 60: metric filters publish standard-resolution metrics`);
  }
  if (alarm.period * alarm.evaluationPeriods > LIMITS.evaluationWindowSeconds) {
    report(
      at("evaluationPeriods"),
      (alarms) => `${alarms}: evaluation_periods x period is ${alarm.period * alarm.evaluationPeriods} s; CloudWatch allows at most one day (86400 s)`,
    );
  }
  if (alarm.datapointsToAlarm > alarm.evaluationPeriods) {
    report(
      at("datapointsToAlarm"),
      (alarms) => `${alarms}: datapoints_to_alarm (${alarm.datapointsToAlarm}) cannot exceed evaluation_periods (${alarm.evaluationPeriods})`,
    );
  }
  const value = Number(metricValue);
  if (!Number.isFinite(value)) return; // a value taken from the event: nothing to prove statically
  const needed = eventsToFire(alarm, value, hasDefaultValue);
  if (typeof needed === "string") {
    report(alarm.comparison.startsWith("Less") ? at("comparison") : (valueAt ?? at("threshold")), (alarms) => `${alarms} can never fire: ${needed}`);
  } else if (needed > 1 && alarm.singleEvent) {
    report(
      alarm.datapointsToAlarm > 1 ? at("datapointsToAlarm") : (valueAt ?? at("threshold")),
      (alarms) =>
        `${alarms} would need ${needed} matching events to fire; lower the threshold / datapoints_to_alarm, or set alarm.single_event: false if a rate alarm is intended`,
    );
  }
}
