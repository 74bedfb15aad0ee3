import { LIMITS } from "../model/aws-facts";
import { AlarmSettings, PerAccountAlarms, RuleDefinition, SourceAccount, SourceRef } from "../model/model";
import { checkAlarm } from "./check-alarm";
import { checkAlarmName, checkFilterName, checkMetricName } from "./cloudwatch-names";
import { DERIVED_DEFAULTS } from "./defaults";

/** CloudTrail names the account an event was delivered for here; the per-account metric's dimension takes it. */
const ACCOUNT_DIMENSION = { name: "RecipientAccount", selector: "$.recipientAccountId" } as const;

/**
 * The rule's per-account filter and alarms. The filter's metric has a dimension, so it can
 * have no default value: the alarms must fire without one, and quiet periods must not count
 * as breaching (each alarm would otherwise sit in ALARM whenever its account is quiet).
 */
export function perAccountAlarms(
  rule: RuleDefinition,
  names: { filterName: string; metricName: string; alarmName: string },
  alarm: AlarmSettings,
  accounts: readonly SourceAccount[],
  report: {
    names: (message: string) => void;
    alarm: (where: SourceRef, message: (alarms: string) => string) => void;
    alarmAt: (field: keyof AlarmSettings) => SourceRef;
  },
): PerAccountAlarms {
  const filterName = DERIVED_DEFAULTS.perAccountFilterName(names.filterName);
  const metricName = DERIVED_DEFAULTS.perAccountMetricName(names.metricName);
  checkFilterName(filterName, report.names);
  checkMetricName(metricName, "per-account metric name", report.names);
  const perAccount = (alarms: string) => `${alarms} (per account)`;
  checkAlarm(alarm, "1", false, report.alarmAt, undefined, (where, message) => report.alarm(where, (alarms) => message(perAccount(alarms))));
  if (alarm.treatMissingData === "breaching") {
    report.alarm(
      report.alarmAt("treatMissingData"),
      (alarms) =>
        `${perAccount(alarms)}: treat_missing_data breaching would keep every account's alarm in ALARM while it is quiet (per-account metrics have no default value)`,
    );
  }
  return {
    filterName,
    metricName,
    dimension: ACCOUNT_DIMENSION,
    alarms: accounts.map((account) => {
      const alarmName = DERIVED_DEFAULTS.perAccountAlarmName(names.alarmName, account.name);
      checkAlarmName(alarmName, report.names);
      const description = `${rule.title}, in account ${account.name} (${account.id}): events whose recipientAccountId is ${account.id}. ${rule.description}`;
      return {
        account,
        alarmName,
        alarmDescription: description.length > LIMITS.alarmDescription.max ? `${description.slice(0, LIMITS.alarmDescription.max - 1)}…` : description,
      };
    }),
  };
}
