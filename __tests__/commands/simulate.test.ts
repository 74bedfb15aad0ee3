import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { simulateCommand } from "../../lib/commands/simulate";
import { runEntry } from "../support/run";
import { ROOT, loadModel, synthAccountText } from "../support/synth";
import { tempFiles } from "../support/temp-config";

function run(args: string[], stdin = ""): { status: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const status = simulateCommand(args, { write: (text) => (stdout += text), error: (text) => (stderr += text) }, () => stdin);
  return { status, stdout, stderr };
}

/** A real record, re-timed. */
function at(fixture: string, eventTime: string): Record<string, unknown> {
  return { ...(JSON.parse(readFileSync(join(ROOT, "rules", "evidence", "cloudtrail", `${fixture}.json`), "utf8")) as Record<string, unknown>), eventTime };
}

const jsonl = (records: unknown[]) => records.map((record) => JSON.stringify(record)).join("\n");

describe("npm run simulate", () => {
  test("a root sign-in fires the root alarm at the end of its 5-minute period, to the alerts topic, and it recovers", () => {
    const events = jsonl([
      at("ConsoleLogin__awsdocs_root_nomfa_success", "2026-11-20T10:02:30Z"),
      at("DescribeVpcs__panther_templated", "2026-11-20T10:04:00Z"),
    ]);
    const result = run(["--json", "-"], events);
    const [report] = [JSON.parse(result.stdout)];
    const root = report.alarms.find((alarm: { alarm: string }) => alarm.alarm === "cis-root-account-usage");
    expect(root.transitions).toEqual([
      { time: "2026-11-20T10:05:00Z", from: "OK", to: "ALARM", notify: ["cis-security-alerts"], datapoints: [{ start: "2026-11-20T10:00:00Z", value: 1 }] },
      { time: "2026-11-20T10:10:00Z", from: "ALARM", to: "OK", notify: ["cis-security-alerts"], datapoints: [{ start: "2026-11-20T10:05:00Z", value: 0 }] },
    ]);
    // The read-only DescribeVpcs only adds the filters' default value 0: no alarm fires for it.
    const others = report.alarms.filter((alarm: { alarm: string }) => alarm.alarm !== "cis-root-account-usage");
    for (const alarm of others) expect(alarm.transitions).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(result.status).toBe(0);
  });

  test("scanner variants on one metric: each event counts once, and the widening one counts what Security Hub's string misses", () => {
    const modify = JSON.parse(
      readFileSync(join(ROOT, "rules", "evidence", "derived", "ModifySecurityGroupRules__derived_from_authorize_ingress.json"), "utf8"),
    );
    const events = jsonl([at("AuthorizeSecurityGroupIngress__stratus_port22", "2026-11-20T10:01:00Z"), { ...modify, eventTime: "2026-11-20T10:11:00Z" }]);
    const report = JSON.parse(run(["--json", "-"], events).stdout);
    const alarm = report.alarms.find((candidate: { alarm: string }) => candidate.alarm === "cis-security-group-changes");
    expect(alarm.matched).toEqual([0, 1]);
    expect(alarm.transitions.filter((transition: { to: string }) => transition.to === "ALARM")).toEqual([
      expect.objectContaining({ time: "2026-11-20T10:05:00Z", datapoints: [{ start: "2026-11-20T10:00:00Z", value: 1 }] }),
      expect.objectContaining({ time: "2026-11-20T10:15:00Z", datapoints: [{ start: "2026-11-20T10:10:00Z", value: 1 }] }),
    ]);
    // Unauthorized API calls: Security Hub's filter and Steampipe's both match a denied call, which still counts 1.
    const denied = JSON.parse(run(["--json", "-"], jsonl([at("AssumeRole__stratus_accessdenied_iamuser", "2026-11-20T10:02:00Z")])).stdout);
    const unauthorized = denied.alarms.find((candidate: { alarm: string }) => candidate.alarm === "cis-unauthorized-api-calls");
    expect(unauthorized.transitions[0].datapoints).toEqual([{ start: "2026-11-20T10:00:00Z", value: 1 }]);
  });

  test("seed 004's rate alarm: 6 of 60 one-minute periods with denied calls fire it, 5 do not", () => {
    const denied = (minutes: number[]) =>
      jsonl(minutes.map((minute) => at("AssumeRole__stratus_accessdenied_iamuser", `2026-11-20T10:${String(minute).padStart(2, "0")}:10Z`)));
    const fires = JSON.parse(run(["--config", "rules/examples/seed-004.yaml", "--json", "-"], denied([0, 7, 15, 22, 40, 59])).stdout);
    const alarm = (report: { alarms: { alarm: string; transitions: { to: string; time: string; notify: string[] }[] }[] }) =>
      report.alarms.find((candidate) => candidate.alarm === "Warning-cis-baseline-CloudTrail-Unauthorized-API-Calls")!;
    expect(alarm(fires).transitions[0]).toMatchObject({ to: "ALARM", time: "2026-11-20T11:00:00Z", notify: ["cis-baseline-system-notifications"] });
    const quiet = run(["--config", "rules/examples/seed-004.yaml", "--json", "-"], denied([0, 7, 15, 22, 40]));
    expect(alarm(JSON.parse(quiet.stdout)).transitions).toEqual([]);
    // ... and the simulator says why, since the filter did match.
    expect(JSON.parse(quiet.stdout).problems).toEqual([
      "alarm Warning-cis-baseline-CloudTrail-Unauthorized-API-Calls did not fire although 5 event(s) matched its filter (Maximum GreaterThanOrEqualToThreshold 1, 6 of 60 x 60 s)",
    ]);
  });

  describe("catches wiring that cannot work, reading the Terraform itself", () => {
    const model = loadModel("rules/examples/seed-000-002.yaml");
    const stack = JSON.parse(synthAccountText(model.accounts[0], model));
    const events = jsonl([at("AttachRolePolicy__stratus", "2026-11-20T10:00:00Z")]);
    const simulateStack = (mutate: (alarm: Record<string, unknown>) => void) => {
      const copy = JSON.parse(JSON.stringify(stack));
      mutate(copy.resource.aws_cloudwatch_metric_alarm.seed_iam_policy_change);
      const dir = tempFiles({ "cdk.tf.json": JSON.stringify(copy) });
      return run(["--stack", join(dir, "cdk.tf.json"), "-"], events);
    };

    test("the synthesized stack itself fires", () => {
      const result = simulateStack(() => undefined);
      expect(result.stdout).toContain("OK -> ALARM  [1]  notify iam-policy-change-alerts");
      expect(result.status).toBe(0);
    });

    test("an alarm with a dimension its metric never has (the seeds' defect)", () => {
      const result = simulateStack((alarm) => (alarm.dimensions = { LogGroupName: "CloudTrail/DefaultLogGroup" }));
      expect(result.stdout).toContain(
        "alarm IAMPolicyChangeAlarm watches CloudTrailMetrics/IAMPolicyChangeCount {LogGroupName=CloudTrail/DefaultLogGroup}, which no metric filter in this stack emits, so it can never fire; the nearest filter emits CloudTrailMetrics/IAMPolicyChangeCount",
      );
      expect(result.stdout).not.toContain("notify iam-policy-change-alerts");
      expect(result.status).toBe(1);
    });

    test("a namespace mismatch", () => {
      const result = simulateStack((alarm) => (alarm.namespace = "LogMetrics"));
      expect(result.stdout).toContain("alarm IAMPolicyChangeAlarm watches LogMetrics/IAMPolicyChangeCount, which no metric filter in this stack emits");
      expect(result.status).toBe(1);
    });

    test("a threshold one event cannot reach", () => {
      const result = simulateStack((alarm) => {
        alarm.statistic = "Maximum";
        alarm.threshold = 1;
      });
      expect(result.stdout).toContain(
        "alarm IAMPolicyChangeAlarm did not fire although 1 event(s) matched its filter (Maximum GreaterThanThreshold 1, 1 of 1 x 300 s)",
      );
      expect(result.status).toBe(1);
    });

    test("an alarm without actions", () => {
      const result = simulateStack((alarm) => (alarm.alarm_actions = []));
      expect(result.stdout).toContain("alarm IAMPolicyChangeAlarm notifies nobody when it fires");
    });
  });

  test("--no-background: only the given events exist, so treat_missing_data decides the quiet periods", () => {
    const events = jsonl([at("PutBucketPolicy__stratus_s3_backdoor", "2026-11-20T10:00:00Z")]);
    const live = run(["--config", "rules/examples/seed-000-002.yaml", "-"], events).stdout;
    expect(live).not.toContain("INSUFFICIENT_DATA");
    const isolated = run(["--config", "rules/examples/seed-000-002.yaml", "--no-background", "-"], events).stdout;
    // The seeds leave treat_missing_data at its default (missing): quiet periods are INSUFFICIENT_DATA.
    expect(isolated).toContain("2026-11-20T10:05:00Z  INSUFFICIENT_DATA -> ALARM  [1]  notify s3-bucket-policy-change-alerts");
    expect(isolated).toContain("2026-11-20T10:10:00Z  ALARM -> INSUFFICIENT_DATA  [-]  no notification");
  });

  test("events without eventTime and unreadable lines are reported, the rest still run", () => {
    const result = run(
      ["--config", "rules/examples/seed-000-002.yaml", "-"],
      `${JSON.stringify({ eventName: "PutBucketPolicy" })}\n{oops\n${JSON.stringify(at("PutBucketPolicy__stratus_s3_backdoor", "2026-11-20T10:00:00Z"))}`,
    );
    expect(result.stdout).toContain("event #0 (stdin:1) has no valid eventTime (an ISO 8601 time from 1970 to 9999); it was left out");
    expect(result.stdout).toContain("event #1 (stdin:2) could not be read: not valid JSON");
    expect(result.stdout).toContain("OK -> ALARM  [1]  notify s3-bucket-policy-change-alerts");
    expect(result.status).toBe(1);
  });

  test("usage errors exit 2 with the config's own located messages", () => {
    expect(run([]).status).toBe(2);
    const dir = tempFiles({ "bad.yaml": "accounts: []\n" });
    const result = run(["--config", join(dir, "bad.yaml"), "-"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("bad.yaml:1:11: accounts: must list at least one item");
    expect(run(["--account", "nope", "-"]).stderr).toContain("no account named nope");
  });

  test("runs through the launcher", () => {
    const dir = tempFiles({});
    writeFileSync(join(dir, "events.json"), JSON.stringify({ Records: [at("StopLogging__stratus", "2026-11-20T10:00:00Z")] }));
    const result = runEntry("lib/commands/simulate.ts", [join(dir, "events.json")]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("alarm cis-cloudtrail-changes");
    expect(result.stdout).toContain("2026-11-20T10:05:00Z  OK -> ALARM  [1]  notify cis-security-alerts");
  });
});
