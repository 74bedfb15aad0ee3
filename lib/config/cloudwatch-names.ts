import { LIMITS } from "../model/aws-facts";
import { checkSingleLine, quote } from "./formats";

/* CloudWatch's rules for the names a rule deploys: metric filter, metric (and namespace), alarm. */

export function checkFilterName(name: string, report: (message: string) => void): void {
  if (name.length > LIMITS.filterName.max) report(`metric filter name is ${name.length} characters; at most ${LIMITS.filterName.max}`);
  else if (LIMITS.filterName.forbidden.test(name)) report(`metric filter name ${quote(name)} may not contain : or *`);
  else {
    const problem = checkSingleLine(name, "metric filter name");
    if (problem) report(problem);
  }
}

export function checkMetricName(name: string, what: string, report: (message: string) => void): void {
  if (name.length > LIMITS.metricName.max) report(`${what} is ${name.length} characters; at most ${LIMITS.metricName.max}`);
  else if (LIMITS.metricName.forbidden.test(name)) report(`${what} ${quote(name)} may not contain :, * or $`);
  else if (what === "namespace" && /^AWS\//i.test(name)) report(`namespace ${quote(name)} starts with AWS/, which CloudWatch reserves for AWS services`);
  else {
    const problem = checkSingleLine(name, what);
    if (problem) report(problem);
  }
}

export function checkAlarmName(name: string, report: (message: string) => void): void {
  if (name.length > LIMITS.alarmName.max) report(`alarm name is ${name.length} characters; CloudWatch accepts at most ${LIMITS.alarmName.max}`);
  const problem = checkSingleLine(name, "alarm name");
  if (problem) report(problem);
}
