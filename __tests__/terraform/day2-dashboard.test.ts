import { BASE, Case, DASHBOARD_BASE, DASHBOARD_ON, describeDay2, edit, only } from "../support/day2-matrix";

jest.setTimeout(600_000);

/** The opt-in dashboard on day 2 (from DASHBOARD_BASE): its name forces a new one; its body follows the rules. */
const DASHBOARD_CASES: Case[] = [
  { name: "nothing changes", files: DASHBOARD_BASE, expect: (result) => only(result, {}) },
  {
    name: "rename the dashboard (CloudWatch keys a dashboard by name: a replacement)",
    files: edit(["  tags: { Owner: platform-team }", "  tags: { Owner: platform-team }\n  dashboard: { enabled: true, name: acme-cis }"]),
    expect: (result) => only(result, { acme: ["replace aws_cloudwatch_dashboard.baseline"] }),
  },
  {
    name: "add a rule: its filter, its alarm, and its graph on the dashboard",
    files: edit(DASHBOARD_ON, ["cloudtrail-changes,", "cloudtrail-changes, nacl-changes,"]),
    expect: (result) =>
      only(result, {
        acme: [
          "create aws_cloudwatch_log_metric_filter.nacl_changes",
          "create aws_cloudwatch_metric_alarm.nacl_changes",
          "update aws_cloudwatch_dashboard.baseline",
        ],
      }),
  },
  { name: "turn the dashboard off", files: BASE, expect: (result) => only(result, { acme: ["delete aws_cloudwatch_dashboard.baseline"] }) },
];

// Day-2 cases (the harness and shared configs: __tests__/support/day2-matrix.ts): the opt-in dashboard, from a deployment that has one.
describeDay2("dashboard", DASHBOARD_CASES, undefined, DASHBOARD_BASE);
