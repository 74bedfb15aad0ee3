import { DEFAULTS } from "./defaults";
import { AlarmSettings } from "../model/model";
import { breachesThreshold, firesOnAbsence } from "../model/alarm-comparisons";

/** Built-in alarm settings (lib/config/defaults.ts): fire within five minutes of a single matching event. */
export const DEFAULT_ALARM = readAlarmSettings(DEFAULTS.alarm) as AlarmSettings;

/** Where an alarm setting can come from, lowest first: each layer wins over the ones before it. */
export type AlarmLayer = "built-in" | "pack rule" | "config" | "override";

/** The layers a rule's alarm is made of (each already merged: the config's is defaults.alarm under the account's alarm). */
export interface AlarmLayers {
  /** The rule's `alarm` in its pack: what the rule's author suggests. */
  readonly rule: Partial<AlarmSettings>;
  /** The deployment config's `alarm` (defaults.alarm, then the account's own): the user's setting for every rule. */
  readonly config: Partial<AlarmSettings>;
  /** `overrides.<rule>.alarm` (defaults', then the account's own): the user's setting for this rule. */
  readonly override: Partial<AlarmSettings>;
}

/**
 * The one merge order of alarm settings, field by field: built-in < pack rule < config
 * (defaults < account) < override. The user's config beats what a pack suggests; a per-rule
 * override beats everything. Returns the settings and, for messages, the layer each came from.
 */
export function layerAlarm(layers: AlarmLayers): { alarm: AlarmSettings; layerOf: (field: keyof AlarmSettings) => AlarmLayer } {
  const alarm: AlarmSettings = { ...DEFAULT_ALARM, ...layers.rule, ...layers.config, ...layers.override };
  const layerOf = (field: keyof AlarmSettings): AlarmLayer =>
    layers.override[field] !== undefined
      ? "override"
      : layers.config[field] !== undefined
        ? "config"
        : layers.rule[field] !== undefined
          ? "pack rule"
          : "built-in";
  return { alarm, layerOf };
}

/** Maps the YAML spelling (snake_case, already schema-checked) to the model's. */
export function readAlarmSettings(raw: Readonly<Record<string, unknown>>): Partial<AlarmSettings> {
  const out: Record<string, unknown> = {};
  const names: Record<string, keyof AlarmSettings> = {
    period: "period",
    statistic: "statistic",
    comparison: "comparison",
    threshold: "threshold",
    evaluation_periods: "evaluationPeriods",
    datapoints_to_alarm: "datapointsToAlarm",
    treat_missing_data: "treatMissingData",
    single_event: "singleEvent",
  };
  for (const [yamlName, modelName] of Object.entries(names)) {
    if (raw[yamlName] !== undefined) out[modelName] = raw[yamlName];
  }
  return out as Partial<AlarmSettings>;
}

/** The YAML key of a model alarm field, for messages. */
export function yamlAlarmKey(field: keyof AlarmSettings): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * How many matching events it takes to fire, or a reason it never can. Metric filters
 * publish per-minute statistics; with a default value every non-matching event adds a
 * sample of that value, so Average, Minimum and SampleCount do not count matches.
 */
export function eventsToFire(alarm: AlarmSettings, metricValue: number, hasDefaultValue: boolean): number | string {
  if (firesOnAbsence(alarm.comparison)) {
    return `${alarm.comparison} fires when matches are absent, not when they happen`;
  }
  if (hasDefaultValue && (alarm.statistic === "Average" || alarm.statistic === "Minimum" || alarm.statistic === "SampleCount")) {
    return `${alarm.statistic} also counts the default value emitted for every non-matching event, so matches can be drowned out; use Sum or Maximum`;
  }
  let eventsPerDatapoint: number;
  if (breachesThreshold(alarm.comparison, metricValue, alarm.threshold)) eventsPerDatapoint = 1;
  else if (alarm.statistic === "Sum" && metricValue > 0) {
    const ratio = alarm.threshold / metricValue;
    eventsPerDatapoint = alarm.comparison === "GreaterThanThreshold" ? Math.floor(ratio) + 1 : Math.ceil(ratio);
  } else if (alarm.statistic === "SampleCount" && !hasDefaultValue) {
    eventsPerDatapoint = Math.max(1, Math.floor(alarm.threshold) + (alarm.comparison === "GreaterThanThreshold" ? 1 : 0));
  } else {
    return `a datapoint can never exceed ${metricValue} with ${alarm.statistic}, so threshold ${alarm.threshold} (${alarm.comparison}) is never reached`;
  }
  return eventsPerDatapoint * alarm.datapointsToAlarm;
}
