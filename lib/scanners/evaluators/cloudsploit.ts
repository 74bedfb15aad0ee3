import { Scanner, fail, pass } from "../scanner";

/**
 * CloudSploit's monitoringMetrics plugin: a filter whose pattern equals its string once
 * whitespace is removed and both are lower-cased, on any log group of the Region (the
 * plugin compares against every group, not only the trail's); alarms are not looked at.
 */
export const cloudsploit: Scanner = {
  id: "cloudsploit",
  accepts: (condition, pattern) => normalize(pattern) === normalize(condition.pattern!),
  evaluate(condition, facts) {
    const found = facts.filters.find((filter) => this.accepts(condition, filter.pattern));
    if (!found) return fail(`no metric filter equals "${condition.name}"'s string (whitespace and case aside)`);
    return pass(`filter ${found.name} (no alarm required)`);
  },
};

function normalize(pattern: string): string {
  return pattern.replace(/\s+/g, "").toLowerCase();
}
