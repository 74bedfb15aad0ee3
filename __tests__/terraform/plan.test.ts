import { offlinePlannable } from "../../tools/bench/offline-model";
import { expectedAccountStackAddresses, expectedRegionalAddresses } from "../support/expected-addresses";
import { MINIMAL, loadFrom } from "../support/temp-config";
import { ROOT, loadModel, synthAccountText, synthRegionalStacks } from "../support/synth";
import { describeWithTerraform, plan, planJson, validate, workingCopy } from "../support/terraform";
import { cdktfSynth } from "../support/cdktf-cli";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HOSTILE_TEXT, richConfig, stringFieldPaths, withValue } from "../support/hostile-strings";
import { InvalidInputError } from "../../lib/source/problems";

jest.setTimeout(300_000);

/**
 * Offline plans of the multi-account example: each stack plans exactly the addresses its
 * config asks for, all as creates. (The default config reads AWS at plan time, so it is
 * validated instead; these configs set the account id and log_group.lookup: false, which
 * is the switch users have for the same reason.) Of the regional stacks, security-tooling's
 * (four regions, one opt-in) is planned: each planned region starts a provider process.
 */
describeWithTerraform("terraform plan (offline)", () => {
  const model = loadModel("rules/examples/multi-account.yaml");
  // security-tooling's account stack is management's with another region and topic list (its regional stack is planned
  // instead); workload-prod's, with the trail wiring, is planned from its HCL in hcl.test.ts.
  const stacks = [
    ...model.accounts
      .filter((account) => account.name === "management")
      .map((account) => [account.stacks.home, account, () => synthAccountText(account, model)] as const),
    ...model.accounts
      .filter((account) => account.name === "security-tooling")
      .flatMap((account) => account.stacks.regional.map((stack) => [stack.name, account, () => synthRegionalStacks(account, model).get(stack.name)!] as const)),
  ];
  test.each(stacks)("multi-account: stack %s plans exactly what its config asks for", (name, account, synth) => {
    const text = synth();
    const changes = plan(workingCopy({ "cdk.tf.json": text }), text);
    const group = account.stacks.regional.find((stack) => stack.name === name)?.group;
    const expected = group === undefined ? expectedAccountStackAddresses(account) : expectedRegionalAddresses(account, group);
    expect(changes.map((change) => change.address)).toEqual(expected);
    for (const change of changes) expect(change.actions).toEqual(["create"]);
  });
});

/**
 * The Control Tower example: the management account (the organization trail's log group)
 * plans every rule, the per-account alarms and the Slack channel. (Its log group is looked up at plan time, which needs
 * AWS: planned here with the lookup off, as the bench does.)
 */
describeWithTerraform("terraform plan (offline): Control Tower", () => {
  const model = offlinePlannable(loadModel("rules/examples/control-tower.yaml"));
  // A member's stack (the password policy alone) is checked in memory by organization-trail.test.ts.
  const account = model.accounts.find((candidate) => candidate.name === "management")!;
  test("control-tower: the management stack plans exactly what its config asks for", () => {
    const text = synthAccountText(account, model);
    const changes = plan(workingCopy({ "cdk.tf.json": text }), text);
    const expected = expectedAccountStackAddresses(account);
    expect(changes.map((change) => change.address)).toEqual(expected);
    for (const change of changes) expect(change.actions).toEqual(["create"]);
    const filters = changes.filter((change) => change.address.startsWith("aws_cloudwatch_log_metric_filter."));
    // One per rule, the per-account filter, and the default scanners' variants.
    expect(filters.length).toBe(account.rules.length + 1 + account.rules.reduce((total, rule) => total + rule.variants.length, 0));
    const slack = changes.find((change) => change.address === "aws_chatbot_slack_channel_configuration.security_alerts")!;
    expect(slack.after).toMatchObject({ slack_team_id: "T07EA123LEP", slack_channel_id: "C07EZ1ABC23", logging_level: "ERROR" });
  });
});

/**
 * A Control Tower landing zone 4.0, whose log group has a suffix: named in the config, the
 * management stack plans every filter on it; found by its prefix (the default), the stack
 * validates (the lookup itself reads AWS at plan time).
 */
describeWithTerraform("terraform plan (offline): Control Tower landing zone 4.0", () => {
  const config = readFileSync(join(ROOT, "rules", "examples", "control-tower.yaml"), "utf8");
  test("a suffixed log group named in organization_trail.log_group plans, every filter on it", () => {
    const named = config.replace("  control_tower: true\n", "  control_tower: true\n  log_group: aws-controltower/CloudTrailLogs-tfw-qeb\n");
    expect(named).not.toBe(config);
    const model = offlinePlannable(loadFrom(named).model);
    const account = model.accounts.find((candidate) => candidate.name === "management")!;
    const text = synthAccountText(account, model);
    const changes = plan(workingCopy({ "cdk.tf.json": text }), text);
    expect(changes.map((change) => change.address)).toEqual(expectedAccountStackAddresses(account));
    const filters = changes.filter((change) => change.address.startsWith("aws_cloudwatch_log_metric_filter."));
    expect(new Set(filters.map((filter) => filter.after.log_group_name))).toEqual(new Set(["aws-controltower/CloudTrailLogs-tfw-qeb"]));
  });

  test("found by its prefix, with a postcondition that exactly one group matches, the stack validates in JSON and HCL", () => {
    const model = loadModel("rules/examples/control-tower.yaml");
    const account = model.accounts.find((candidate) => candidate.name === "management")!;
    expect(account.logGroup).toMatchObject({ namePrefix: "aws-controltower/CloudTrailLogs", lookup: true });
    expect(validate(workingCopy({ "cdk.tf.json": synthAccountText(account, model) })).diagnostics).toEqual([]);
    const hcl = cdktfSynth("rules/examples/control-tower.yaml", true).get("management")!;
    expect(hcl).toContain("postcondition {");
    expect(validate(workingCopy({ "cdk.tf": hcl })).diagnostics).toEqual([]);
  });
});

/**
 * Every scanner selected: the scanner variants on the rules' metrics, Trivy's renamed
 * filters, and Security Hub with two CIS standards in two regions.
 */
describeWithTerraform("terraform plan (offline): every scanner", () => {
  const model = loadModel("rules/examples/every-scanner.yaml");
  const account = model.accounts[0];
  const regional = account.stacks.regional[0];
  test.each([
    [account.stacks.home, () => synthAccountText(account, model), expectedAccountStackAddresses(account)],
    [regional.name, () => synthRegionalStacks(account, model).get(regional.name)!, expectedRegionalAddresses(account, regional.group)],
  ] as const)("every-scanner: stack %s plans exactly what its config asks for", (_, synth, expected) => {
    const text = synth();
    const changes = plan(workingCopy({ "cdk.tf.json": text }), text);
    expect(changes.map((change) => change.address)).toEqual(expected);
    for (const change of changes) expect(change.actions).toEqual(["create"]);
  });
});

/**
 * The opt-in dashboard: the account stack with it validates and plans offline, the body is
 * JSON CloudWatch's structure accepts once Terraform has read it (its alarm references are
 * known only after apply), and a name longer than CloudWatch's 255 characters, which synth
 * refuses, is refused by the provider too (the limit is the provider's as much as ours).
 */
describeWithTerraform("terraform plan (offline): the dashboard", () => {
  test("a config with the dashboard on plans exactly what it asks for, the dashboard included", () => {
    const { model } = loadFrom(MINIMAL.replace("  log_group: { lookup: false }", "  log_group: { lookup: false }\n  dashboard: { enabled: true }"));
    const account = model.accounts[0];
    const text = synthAccountText(account, model);
    const dir = workingCopy({ "cdk.tf.json": text });
    expect(validate(dir).diagnostics).toEqual([]);
    const changes = plan(dir, text);
    expect(changes.map((change) => change.address)).toEqual(expectedAccountStackAddresses(account));
    const dashboard = changes.find((change) => change.address === "aws_cloudwatch_dashboard.baseline")!;
    expect(dashboard.actions).toEqual(["create"]);
    expect(dashboard.after.dashboard_name).toBe("cis-baseline");
  });

  test("the provider refuses a dashboard name of 256 characters, as synth does", () => {
    const { model } = loadFrom(MINIMAL.replace("  log_group: { lookup: false }", "  log_group: { lookup: false }\n  dashboard: { enabled: true }"));
    const json = JSON.parse(synthAccountText(model.accounts[0], model)) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    json.resource.aws_cloudwatch_dashboard.baseline.dashboard_name = "d".repeat(256);
    const result = validate(workingCopy({ "cdk.tf.json": JSON.stringify(json) }));
    expect(result.valid).toBe(false);
    expect(JSON.stringify(result.diagnostics)).toContain("dashboard_name");
  });
});

describeWithTerraform("config text reaches AWS as written", () => {
  // (Tags cannot hold $ or braces at all: AWS's tag character rules refuse them at synth.)
  test("${...} and %{...} in descriptions and display names are not Terraform templates", () => {
    const config = MINIMAL.replace(
      "  log_group:",
      "  overrides:\n    vpc-changes: { alarm_description: 'see %{runbook} for ${team}' }\n  rules: { enable: [vpc-changes] }\n  log_group:",
    ).replace("    alerts:\n", "    alerts:\n      display_name: 'CIS ${x}'\n");
    const { model } = loadFrom(config);
    const account = model.accounts[0];
    const text = synthAccountText(account, model);
    const changes = plan(workingCopy({ "cdk.tf.json": text }), text);
    const after = (address: string) => changes.find((change) => change.address === address)!.after;
    expect(after("aws_cloudwatch_metric_alarm.vpc_changes").alarm_description).toBe("see %{runbook} for ${team}");
    expect(after("aws_sns_topic.alerts").display_name).toBe("CIS ${x}");
  });

  test("every string field synth accepts, all planted with file() and a directive at once, plans as plain text", () => {
    // The fields one at a time are checked in memory (__tests__/stacks/config-text.test.ts); here terraform reads them all.
    let config = richConfig();
    const planted: string[] = [];
    for (const path of stringFieldPaths()) {
      const candidate = withValue(config, path, HOSTILE_TEXT);
      try {
        loadFrom(JSON.stringify(candidate));
      } catch (error) {
        if (error instanceof InvalidInputError) continue;
        throw error;
      }
      config = candidate;
      planted.push(path.join("."));
    }
    expect(planted).toEqual(expect.arrayContaining(["defaults.topics.alerts.chatbot.teams.channel_id", "defaults.overrides.vpc-changes.alarm_description"]));
    const { model } = loadFrom(JSON.stringify(config));
    const account = model.accounts[0];
    const text = synthAccountText(account, model);
    const values = JSON.stringify(planJson(workingCopy({ "cdk.tf.json": text }), text).planned_values);
    // Every planted field's value arrives as written: file() was not called (the plan would have failed), the directive not run.
    const arrived = values.split(JSON.stringify(HOSTILE_TEXT).slice(1, -1)).length - 1;
    expect({ planted: planted.length, arrivedAtLeastOncePerField: arrived >= new Set(planted.map((path) => path.split(".").pop())).size }).toEqual({
      planted: planted.length,
      arrivedAtLeastOncePerField: true,
    });
  });
});
