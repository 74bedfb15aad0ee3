/**
 * Every account gets two stacks, each with its own state: the account stack (named after
 * the account) holds what changes day to day — rules, alarms, topics, keys, the password
 * policy, trail wiring — and needs only the home region's provider; the regional stack
 * (`<account>-regions`) holds the per-region resources (Access Analyzer), behind one
 * aliased provider per region. A pull request that retunes an alarm then plans with one
 * provider process instead of one per region. Stack names are also state keys: they are a
 * promise to users and are decided here only.
 */
export const REGIONAL_STACK_SUFFIX = "-regions";

export interface StackNames {
  /** The everyday stack: monitoring, topics, password policy. */
  readonly home: string;
  /** The per-region stack: Access Analyzer in every region. */
  readonly regional: string;
}

export function stackNamesOf(accountName: string): StackNames {
  return { home: accountName, regional: `${accountName}${REGIONAL_STACK_SUFFIX}` };
}
