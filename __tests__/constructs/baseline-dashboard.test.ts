import { dashboardBody } from "../../lib/constructs/baseline-dashboard";
import { buildDashboard, dashboardWidgetCount } from "../../lib/config/build-dashboard";
import { LIMITS } from "../../lib/model/aws-facts";
import { DeployedRule } from "../../lib/model/model";
import { AccountSettings } from "../../lib/config/account-settings";
import { YamlSource } from "../../lib/source/yaml-source";
import { HOSTILE_TEXT } from "../support/hostile-strings";
import { ROOT, loadModel, resources, synthAccount } from "../support/synth";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MINIMAL, loadFrom, problemsFor } from "../support/temp-config";

interface Widget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: { title?: string; markdown?: string; alarms?: string[]; annotations?: { alarms: string[] }; region?: string };
}

const withDashboard = (settings: string) => MINIMAL.replace("  log_group: { lookup: false }", `  log_group: { lookup: false }\n  dashboard: ${settings}`);

function dashboardOf(config: string) {
  const { model } = loadFrom(config);
  const account = model.accounts[0];
  const json = synthAccount(account, model);
  const dashboards = resources(json, "aws_cloudwatch_dashboard");
  return { account, json, dashboards };
}

describe("the baseline dashboard (config: dashboard)", () => {
  test("is off unless asked for: no shipped config has one", () => {
    for (const config of ["rules/default.yaml", "rules/examples/multi-account.yaml", "rules/examples/control-tower.yaml"]) {
      const model = loadModel(config);
      for (const account of model.accounts) {
        expect(account.dashboard).toBeUndefined();
        expect(synthAccount(account, model).resource?.aws_cloudwatch_dashboard).toBeUndefined();
      }
    }
  });

  test("shows the state of every rule's alarm and one graph per rule, each drawn from that rule's own alarm", () => {
    const { account, json, dashboards } = dashboardOf(withDashboard("{ enabled: true }"));
    expect(Object.keys(dashboards)).toEqual(["baseline"]);
    const dashboard = dashboards.baseline as { dashboard_name: string; dashboard_body: string };
    expect(dashboard.dashboard_name).toBe("cis-baseline");
    const widgets = (JSON.parse(dashboard.dashboard_body) as { widgets: Widget[] }).widgets;
    expect(widgets).toHaveLength(dashboardWidgetCount(account.rules.length, account.rules.length));

    const alarmIds = Object.keys(resources(json, "aws_cloudwatch_metric_alarm")).sort();
    expect(alarmIds).toHaveLength(account.rules.length);
    const arnOf = (id: string) => `\${aws_cloudwatch_metric_alarm.${id}.arn}`;
    const status = widgets.filter((widget) => widget.type === "alarm");
    expect(status.flatMap((widget) => widget.properties.alarms).sort()).toEqual(alarmIds.map(arnOf).sort());

    const graphs = widgets.filter((widget) => widget.type === "metric");
    expect(graphs.map((graph) => graph.properties.title)).toEqual(account.rules.map((rule) => rule.definition.title));
    graphs.forEach((graph, index) => {
      // The graph has no metric of its own: CloudWatch draws the alarm's metric and threshold.
      expect(graph.properties).not.toHaveProperty("metrics");
      expect(graph.properties.annotations).toEqual({ alarms: [arnOf(account.rules[index].id.replace(/-/g, "_"))] });
      expect(graph.properties.region).toBe(account.region);
    });
  });

  test("a Control Tower group found by its prefix is named by the prefix, and per-account alarms are listed with the rest", () => {
    const config = readFileSync(join(ROOT, "rules", "examples", "control-tower.yaml"), "utf8").replace(
      "defaults:\n",
      "defaults:\n  dashboard: { enabled: true }\n",
    );
    const { model } = loadFrom(config);
    const management = model.accounts.find((account) => account.name === "management")!;
    const json = synthAccount(management, model);
    const body = JSON.parse((resources(json, "aws_cloudwatch_dashboard").baseline as { dashboard_body: string }).dashboard_body) as { widgets: Widget[] };
    expect(body.widgets[0].properties.markdown).toContain("`aws-controltower/CloudTrailLogs*`");
    const listed = body.widgets.filter((widget) => widget.type === "alarm").flatMap((widget) => widget.properties.alarms);
    expect(listed.sort()).toEqual(
      Object.keys(resources(json, "aws_cloudwatch_metric_alarm"))
        .map((id) => `\${aws_cloudwatch_metric_alarm.${id}.arn}`)
        .sort(),
    );
    expect(listed.length).toBeGreaterThan(management.rules.length);
  });

  test("widgets sit on CloudWatch's 24-column grid without overlapping", () => {
    const { dashboards } = dashboardOf(withDashboard("{ enabled: true }"));
    const widgets = (JSON.parse((dashboards.baseline as { dashboard_body: string }).dashboard_body) as { widgets: Widget[] }).widgets;
    const cells = new Set<string>();
    for (const widget of widgets) {
      expect(widget.x + widget.width).toBeLessThanOrEqual(24);
      for (let x = widget.x; x < widget.x + widget.width; x++)
        for (let y = widget.y; y < widget.y + widget.height; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
    }
  });

  test("is named by dashboard.name, and a name CloudWatch would refuse is an error at that line", () => {
    expect(dashboardOf(withDashboard("{ enabled: true, name: security-baseline_prod }")).dashboards.baseline).toMatchObject({
      dashboard_name: "security-baseline_prod",
    });
    expect(problemsFor(withDashboard('{ enabled: true, name: "cis baseline" }'))).toEqual([
      expect.stringMatching(/^config\.yaml:9:37: defaults\.dashboard\.name: CloudWatch dashboard name "cis baseline" must be 1-255 letters, digits, - and _/),
    ]);
    expect(problemsFor(withDashboard(`{ enabled: true, name: ${"d".repeat(256)} }`))).toEqual([
      expect.stringContaining("defaults.dashboard.name: CloudWatch dashboard name"),
    ]);
  });

  test("text from packs and config reaches CloudWatch as written: Terraform's template syntax is escaped", () => {
    const body = dashboardBody({
      accountName: "main",
      region: "us-east-1",
      logGroupName: HOSTILE_TEXT,
      ruleAlarms: [{ title: HOSTILE_TEXT, alarmArn: "${aws_cloudwatch_metric_alarm.x.arn}" }],
    });
    expect(body).not.toMatch(/(?<!\$)\$\{file/);
    expect(body).toContain('$${file(\\"/nonexistent/cis-canary\\")}%%{ if true }');
    // The alarm reference stays a reference.
    expect(body).toContain('"${aws_cloudwatch_metric_alarm.x.arn}"');
  });

  test("more than 100 alarms take several alarm lists; more than CloudWatch's 500 widgets is an error", () => {
    const many = Array.from({ length: 150 }, (_, index) => ({ title: `rule ${index}`, alarmArn: `arn-${index}` }));
    const widgets = (JSON.parse(dashboardBody({ accountName: "main", region: "us-east-1", logGroupName: "g", ruleAlarms: many })) as { widgets: Widget[] })
      .widgets;
    const lists = widgets.filter((widget) => widget.type === "alarm");
    expect(lists.map((widget) => widget.properties.alarms!.length)).toEqual([100, 50]);
    expect(widgets).toHaveLength(dashboardWidgetCount(150, 150));

    const source = YamlSource.parse(
      "config.yaml",
      "defaults:\n  dashboard: { enabled: true }\naccounts:\n  - { name: main, id: '123456789012', region: us-east-1 }\n",
    );
    const settings = new AccountSettings(source, 0);
    const rules = Array.from({ length: LIMITS.dashboardWidgets }, () => ({}) as DeployedRule);
    const reported: string[] = [];
    buildDashboard(settings, rules, (path, message) => reported.push(`${path.join(".")}: ${message}`));
    expect(reported).toEqual([
      `dashboard.enabled: the dashboard would hold 506 widgets (a heading, 5 alarm lists for 500 alarms, 500 graphs); CloudWatch takes at most 500`,
    ]);
  });

  test("under an organization trail a member account's dashboard setting is an error: the alarms are in the trail's account", () => {
    const config = `organization_trail: { account: main }\n${MINIMAL}  - name: member\n    id: "222222222222"\n    region: us-east-1\n    dashboard: { enabled: true }\n`;
    expect(problemsFor(config)).toEqual([expect.stringContaining("accounts[1].dashboard: has no effect: under organization_trail")]);
  });
});
