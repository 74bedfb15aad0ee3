import { Scanner, fail, pass } from "../scanner";

/**
 * Trivy's checks: a filter containing one of the strings once spaces, tabs and newlines
 * are removed (case-sensitive), and an alarm whose metric name equals that filter's name.
 * Its helper returns the matching filter from a Rego function, which must have one value:
 * two matching filters on the group make the check fail to evaluate.
 */
export const trivy: Scanner = {
  id: "trivy",
  accepts: (condition, pattern) => (condition.patterns ?? []).some((wanted) => clean(pattern).includes(clean(wanted))),
  evaluate(condition, facts) {
    const matching = facts.filters.filter((filter) => this.accepts(condition, filter.pattern));
    if (matching.length === 0) return fail("no metric filter contains Trivy's string");
    if (matching.length > 1) {
      return fail(
        `${matching.length} filters contain Trivy's string (${matching.map((filter) => filter.name).join(", ")}): its Rego helper must pick one, so the check errors`,
      );
    }
    const [filter] = matching;
    const alarm = facts.alarms.find((candidate) => candidate.metricName === filter.name);
    if (!alarm)
      return fail(
        `filter ${filter.name} contains Trivy's string, but no alarm's metric is named ${filter.name} (Trivy matches the alarm's metric name to the filter's name)`,
      );
    return pass(`filter ${filter.name}, alarm ${alarm.name} on metric ${alarm.metricName}`);
  },
};

function clean(pattern: string): string {
  return pattern.replace(/[\n\t\r ]+/g, "");
}
