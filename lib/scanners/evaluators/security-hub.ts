import { Scanner, evaluateAlarmPath } from "../scanner";

/** Security Hub CloudWatch.1-14: the prescribed pattern exactly, an alarm on its metric, a subscribed topic. */
export const securityHub: Scanner = {
  id: "security-hub",
  accepts: (condition, pattern) => pattern === condition.pattern,
  evaluate(condition, facts) {
    return evaluateAlarmPath(this, condition, facts, true, "has the prescribed pattern");
  },
};
