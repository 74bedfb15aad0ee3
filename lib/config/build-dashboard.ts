import { AccountSettings } from "./account-settings";
import { LIMITS } from "../model/aws-facts";
import { Dashboard, DeployedRule } from "../model/model";
import { FieldPath } from "../source/yaml-source";

/**
 * The account's dashboard (config: dashboard), checked against CloudWatch's limits here so
 * that a dashboard that cannot be made fails at synth, at the line that asks for it.
 */
export function buildDashboard(
  settings: AccountSettings,
  rules: readonly DeployedRule[],
  report: (path: FieldPath, message: string) => void,
): Dashboard | undefined {
  if (!settings.value<boolean>(["dashboard", "enabled"])) return undefined;
  const name = settings.value<string>(["dashboard", "name"]);
  if (name.length > LIMITS.dashboardName.max || !LIMITS.dashboardName.pattern.test(name)) {
    report(["dashboard", "name"], `CloudWatch dashboard name "${name}" must be 1-${LIMITS.dashboardName.max} letters, digits, - and _`);
  }
  const alarms = rules.reduce((count, rule) => count + 1 + (rule.perAccount?.alarms.length ?? 0), 0);
  const widgets = dashboardWidgetCount(rules.length, alarms);
  if (widgets > LIMITS.dashboardWidgets) {
    report(
      ["dashboard", "enabled"],
      `the dashboard would hold ${widgets} widgets (a heading, ${Math.ceil(alarms / LIMITS.alarmsPerStatusWidget)} alarm lists for ${alarms} alarms, ${rules.length} graphs); CloudWatch takes at most ${LIMITS.dashboardWidgets}`,
    );
  }
  return { name };
}

/**
 * The widgets of a dashboard of `rules` rules with `alarms` alarms in all (per-account
 * alarms included), as lib/constructs/baseline-dashboard.ts lays them out: a heading, the
 * alarms' state in lists of at most 100, and a graph per rule.
 */
export function dashboardWidgetCount(rules: number, alarms: number): number {
  return 1 + Math.ceil(alarms / LIMITS.alarmsPerStatusWidget) + rules;
}
