import { SCANNERS } from "./evaluators";
import { FilterVariant, Remedy } from "../model/filter-variant";
import { SCANNER_IDS, ScannerData, ScannerId } from "./scanner-data";

export interface RuleFilters {
  /** The rule's own filter name (Trivy wants it to equal the metric name when that filter carries its string). */
  readonly filterName: string;
  /** The rule's own filter's pattern: the rule's, or Trivy's own spelling of it (the same events). */
  readonly pattern: string;
  /** The rule's own filter's value: "0" when a widening variant counts instead. */
  readonly value: string;
  /** The pattern whose events the metric counts: a per-account filter uses it too. */
  readonly countingPattern: string;
  readonly variants: readonly FilterVariant[];
}

export interface RuleForScanners {
  readonly id: string;
  readonly pattern: string;
  readonly filterName: string;
  /** True when the config names the filter: it is never renamed. */
  readonly filterNameFixed: boolean;
  readonly metricName: string;
  readonly metricValue: string;
}

/**
 * The fewest extra filters that make every selected scanner's pattern condition hold for a
 * rule: for each scanner the rule's own pattern (or a variant already added) does not
 * satisfy, its remedy from rules/scanners/. Only a widening superset counts; every other
 * variant publishes 0, so the metric counts each event once and the alarm keeps its meaning.
 */
export function planRuleFilters(rule: RuleForScanners, selected: readonly ScannerId[], data: ReadonlyMap<ScannerId, ScannerData>): RuleFilters {
  const planned = planWithOwnPattern(rule, rule.pattern, selected, data);
  // Two filters carrying Trivy's string fail its check; its data may spell the rule's own pattern without it (the same events).
  const spelling = selected.includes("trivy") ? data.get("trivy")?.controls.get(rule.id)?.ownSpelling : undefined;
  if (!spelling || planned.trivyCarriers < 2 || !rule.pattern.includes(spelling.replace)) return planned.filters;
  const respelled = planWithOwnPattern(rule, rule.pattern.split(spelling.replace).join(spelling.with), selected, data);
  const noCostlier = respelled.filters.variants.length <= planned.filters.variants.length;
  const losesNone = satisfied(planned.filters, rule.id, selected, data).every((id) => satisfied(respelled.filters, rule.id, selected, data).includes(id));
  return respelled.trivyCarriers === 1 && noCostlier && losesNone ? respelled.filters : planned.filters;
}

/** The selected scanners (Trivy aside, which also counts carriers) whose condition some filter of the rule meets. */
function satisfied(filters: RuleFilters, ruleId: string, selected: readonly ScannerId[], data: ReadonlyMap<ScannerId, ScannerData>): ScannerId[] {
  const patterns = [filters.pattern, ...filters.variants.map((variant) => variant.pattern)];
  return selected.filter((id) => {
    const condition = data.get(id)?.controls.get(ruleId);
    return id !== "trivy" && condition !== undefined && patterns.some((pattern) => SCANNERS.get(id)!.accepts(condition, pattern));
  });
}

/** The variants for the rule with `ownPattern` as its own filter's pattern, and how many filters then carry Trivy's string. */
function planWithOwnPattern(
  rule: RuleForScanners,
  ownPattern: string,
  selected: readonly ScannerId[],
  data: ReadonlyMap<ScannerId, ScannerData>,
): { filters: RuleFilters; trivyCarriers: number } {
  rule = { ...rule, pattern: ownPattern };
  const variants: { key: ScannerId; pattern: string; scanners: ScannerId[]; remedy: Remedy }[] = [];
  for (const id of SCANNER_IDS.filter((scanner) => selected.includes(scanner))) {
    const condition = data.get(id)?.controls.get(rule.id);
    if (!condition || condition.impossible) continue;
    const scanner = SCANNERS.get(id)!;
    if (scanner.accepts(condition, rule.pattern)) continue;
    const served = variants.find((variant) => scanner.accepts(condition, variant.pattern));
    if (served) {
      served.scanners.push(id);
      continue;
    }
    if (!condition.remedy) continue; // the compliance report says why it fails
    variants.push({ key: ownerOf(condition.remedy.pattern, rule.id, data), pattern: condition.remedy.pattern, scanners: [id], remedy: condition.remedy });
  }

  const widening = variants.filter((variant) => variant.remedy.widens);
  if (widening.length > 1)
    throw new Error(`rule ${rule.id}: ${widening.length} widening remedies (${widening.map((v) => v.key).join(", ")}); only one filter may count`);
  const counting = widening[0];

  // Trivy pairs the one filter carrying its string with an alarm on a metric of the filter's name.
  const trivyCondition = selected.includes("trivy") ? data.get("trivy")?.controls.get(rule.id) : undefined;
  const trivyCarriers = trivyCondition
    ? [rule.pattern, ...variants.map((variant) => variant.pattern)].filter((pattern) => SCANNERS.get("trivy")!.accepts(trivyCondition, pattern))
    : [];
  const renamed = trivyCarriers.length === 1 ? trivyCarriers[0] : undefined;
  const nameOf = (pattern: string, fallback: string) => (pattern === renamed ? rule.metricName : fallback);

  const filters: RuleFilters = {
    filterName: rule.filterNameFixed ? rule.filterName : nameOf(rule.pattern, rule.filterName),
    pattern: rule.pattern,
    value: counting ? "0" : rule.metricValue,
    countingPattern: counting?.pattern ?? rule.pattern,
    variants: variants.map((variant) => ({
      key: variant.key,
      filterName: nameOf(variant.pattern, `${rule.filterName}-${variant.key}`),
      pattern: variant.pattern,
      value: variant === counting ? rule.metricValue : "0",
      scanners: variant.scanners,
      remedy: variant.remedy,
    })),
  };
  return { filters, trivyCarriers: trivyCarriers.length };
}

/** The first scanner whose data gives this remedy for the rule: the variant's name does not depend on the selection. */
function ownerOf(pattern: string, ruleId: string, data: ReadonlyMap<ScannerId, ScannerData>): ScannerId {
  return SCANNER_IDS.find((id) => data.get(id)?.controls.get(ruleId)?.remedy?.pattern === pattern)!;
}
