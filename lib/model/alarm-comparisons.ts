/**
 * CloudWatch's alarm comparison operators, spelt once: the operator Terraform and the config
 * write, the symbol the review and messages print, and how CloudWatch decides a breach (synth's
 * checks, the simulator and the review share it).
 */
const OPERATORS = {
  GreaterThanOrEqualToThreshold: { symbol: ">=", breaches: (value: number, threshold: number) => value >= threshold },
  GreaterThanThreshold: { symbol: ">", breaches: (value: number, threshold: number) => value > threshold },
  LessThanThreshold: { symbol: "<", breaches: (value: number, threshold: number) => value < threshold },
  LessThanOrEqualToThreshold: { symbol: "<=", breaches: (value: number, threshold: number) => value <= threshold },
} as const;

export type Comparison = keyof typeof OPERATORS;
export const COMPARISONS = Object.keys(OPERATORS) as readonly Comparison[];

export function isComparison(operator: string): operator is Comparison {
  return Object.prototype.hasOwnProperty.call(OPERATORS, operator);
}

/** Whether a datapoint breaches, as CloudWatch applies the comparison; an unknown operator never does. */
export function breachesThreshold(comparison: string, value: number, threshold: number): boolean {
  return isComparison(comparison) && OPERATORS[comparison].breaches(value, threshold);
}

/** ">=" for GreaterThanOrEqualToThreshold; an unknown operator as written. */
export function comparisonSymbol(comparison: string): string {
  return isComparison(comparison) ? OPERATORS[comparison].symbol : comparison;
}

/** The operators that fire when matches are absent (the metric is at or under the threshold). */
export function firesOnAbsence(comparison: string): boolean {
  return comparison === "LessThanThreshold" || comparison === "LessThanOrEqualToThreshold";
}
