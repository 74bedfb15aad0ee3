import { Partition, RegionGroup, regionGroupsOf } from "./aws-facts";

/**
 * Every account gets an account stack and regional stacks, each with its own state. The
 * account stack (named after the account) holds what changes day to day — rules, alarms,
 * topics, keys, the password policy, trail wiring — and needs only the home region's
 * provider. The regional stacks hold the per-region resources (Access Analyzer, Security
 * Hub), one per group of regions (aws-facts.ts: REGION_GROUPS), behind one aliased provider
 * per region: `<account>-regions` (the United States but N. California; all of China or
 * GovCloud), then `-regions-americas`, `-regions-europe`, `-regions-emea`, `-regions-apac`
 * and `-regions-apac-south`. A pull request that retunes an alarm plans with one provider
 * process; no stack plans more than three regions' providers with the default regions, so
 * every plan stays under 1 GB (`npm run bench` measures each, and plans each within a
 * 1 GiB limit). Stack names are also state keys: they are a promise to users and
 * are decided here only.
 */
export const REGIONAL_STACK_SUFFIX = "-regions";

export interface RegionalStackName {
  readonly name: string;
  readonly group: RegionGroup;
}

export interface StackNames {
  /** The everyday stack: monitoring, topics, password policy. */
  readonly home: string;
  /** The per-region stacks, first group first. */
  readonly regional: readonly RegionalStackName[];
}

export function stackNamesOf(accountName: string, partition: Partition): StackNames {
  return {
    home: accountName,
    regional: regionGroupsOf(partition).map((group) => ({ name: `${accountName}${REGIONAL_STACK_SUFFIX}${group ? `-${group}` : ""}`, group })),
  };
}

/** Every stack of an account: the account stack, then its regional stacks. */
export function stacksOf(names: StackNames): string[] {
  return [names.home, ...names.regional.map((stack) => stack.name)];
}
