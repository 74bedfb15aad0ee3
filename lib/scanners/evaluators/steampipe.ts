import { Scanner, evaluateAlarmPath } from "../scanner";

/**
 * Steampipe's aws-compliance queries: a PostgreSQL regular expression (~, case-sensitive,
 * "." matching newlines) over the pattern; an alarm on the metric whose topic has a subscription.
 */
export const steampipe: Scanner = {
  id: "steampipe",
  accepts: (condition, pattern) => new RegExp(condition.regex!, "s").test(pattern),
  evaluate(condition, facts) {
    return evaluateAlarmPath(this, condition, facts, true, "matches Steampipe's expression");
  },
};
