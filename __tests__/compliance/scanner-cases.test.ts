import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ProblemList } from "../../lib/source/problems";
import { loadScanners } from "../../lib/scanners/scanner-data";
import { SCANNERS } from "../../lib/scanners/evaluators";
import { StackFacts } from "../../lib/terraform/stack-facts";
import { ROOT } from "../support/synth";

/**
 * The scanner conditions in rules/scanners/*.yaml, applied the way lib/scanners/evaluators/
 * applies them, must give the scanners' own test cases the verdicts those tests assert.
 * (Steampipe ships no tests; its expressions are pinned by the compliance report tests.)
 */
const problems = new ProblemList();
const data = loadScanners(ROOT, problems);
interface ProwlerCase {
  readonly control: string;
  readonly check: string;
  readonly test: string;
  readonly pattern: string;
  readonly alarm: boolean;
  readonly status: string;
}
interface CloudSploitCase {
  readonly test: string;
  readonly control: string;
  readonly pattern: string;
  readonly missing: boolean;
}
interface TrivyCase {
  readonly test: string;
  readonly control: string;
  readonly filter: { readonly name: string; readonly pattern: string } | null;
  readonly alarmMetric: string | null;
  readonly deny: boolean;
}
const cases = JSON.parse(readFileSync(join(ROOT, "__tests__", "fixtures", "scanners", "cases.json"), "utf8")) as {
  prowler: { cases: ProwlerCase[] };
  cloudsploit: { cases: CloudSploitCase[] };
  trivy: { cases: TrivyCase[] };
};

/** A stack with one filter (and, if asked, an alarm on a metric of the given name), as the scanners' tests set one up. */
function stackWith(filter: { name: string; pattern: string; metric: string } | undefined, alarmMetric: string | undefined): StackFacts {
  return {
    stack: "test",
    filters: filter
      ? [{ address: "f", name: filter.name, pattern: filter.pattern, metricName: filter.metric, namespace: "my-namespace", value: "1", dimensions: {} }]
      : [],
    alarms: alarmMetric
      ? [{ address: "a", name: "test-alarm", metricName: alarmMetric, namespace: "my-namespace", dimensions: {}, actionsEnabled: true, alarmActions: [] }]
      : [],
    topics: new Map(),
    createdLogGroups: [],
  };
}

test("the scanner data loads without problems", () => {
  expect(problems.isEmpty).toBe(true);
  expect([...data.keys()].sort()).toEqual(["cloudsploit", "prowler", "security-hub", "steampipe", "trivy"]);
});

describe("Prowler's own test cases", () => {
  test.each(cases.prowler.cases.map((item) => [`${item.check} ${item.test}`, item] as const))("%s", (_, item) => {
    const { control, pattern, alarm, status } = item;
    const facts = stackWith({ name: "test-filter", pattern, metric: "my-metric" }, alarm ? "my-metric" : undefined);
    expect(SCANNERS.get("prowler")!.evaluate(data.get("prowler")!.controls.get(control)!, facts).status).toBe(status);
  });

  test("covers every Prowler control, with a passing and a failing case each", () => {
    const controls = new Set(cases.prowler.cases.map((item) => item.control));
    expect([...controls].sort()).toEqual([...data.get("prowler")!.controls.keys()].sort());
  });
});

describe("CloudSploit's own test cases", () => {
  test.each(cases.cloudsploit.cases.map((item) => [item.test, item] as const))("%s", (_, item) => {
    const { control, pattern, missing } = item;
    const facts = stackWith({ name: "any-filter-name", pattern, metric: "m" }, undefined);
    expect(SCANNERS.get("cloudsploit")!.evaluate(data.get("cloudsploit")!.controls.get(control)!, facts).status).toBe(missing ? "FAIL" : "PASS");
  });
});

describe("Trivy's own test cases", () => {
  test.each(cases.trivy.cases.map((item) => [`${item.control} ${item.test}`, item] as const))("%s", (_, item) => {
    const { control, filter, alarmMetric, deny } = item;
    const facts = stackWith(filter ? { ...filter, metric: "unrelated" } : undefined, alarmMetric ?? undefined);
    expect(SCANNERS.get("trivy")!.evaluate(data.get("trivy")!.controls.get(control)!, facts).status).toBe(deny ? "FAIL" : "PASS");
  });

  test("two filters carrying Trivy's string make its helper ambiguous: the check cannot pass", () => {
    const condition = data.get("trivy")!.controls.get("cloudtrail-changes")!;
    const pattern = condition.patterns![0];
    const facts = stackWith({ name: "CloudTrailChanges", pattern, metric: "CloudTrailChanges" }, "CloudTrailChanges");
    const doubled = { ...facts, filters: [...facts.filters, { ...facts.filters[0], address: "g", name: "second" }] };
    expect(SCANNERS.get("trivy")!.evaluate(condition, facts).status).toBe("PASS");
    expect(SCANNERS.get("trivy")!.evaluate(condition, doubled)).toMatchObject({
      status: "FAIL",
      reason: expect.stringContaining("2 filters contain Trivy's string"),
    });
  });
});

describe("Steampipe's expressions", () => {
  test("clauses must come in order and unquoted where it says so; quotes where it says so", () => {
    const steampipe = SCANNERS.get("steampipe")!;
    const vpc = data.get("steampipe")!.controls.get("route-table-changes")!;
    const names = [
      "CreateRoute",
      "CreateRouteTable",
      "ReplaceRoute",
      "ReplaceRouteTableAssociation",
      "DeleteRouteTable",
      "DeleteRoute",
      "DisassociateRouteTable",
    ];
    const pattern = (list: string[], quote = "") => `{ ${list.map((name) => `($.eventName = ${quote}${name}${quote})`).join(" || ")} }`;
    expect(steampipe.accepts(vpc, pattern(names))).toBe(true);
    expect(steampipe.accepts(vpc, pattern([...names].reverse()))).toBe(false);
    expect(steampipe.accepts(vpc, pattern(names, '"'))).toBe(false);
    const unauthorized = data.get("steampipe")!.controls.get("unauthorized-api-calls")!;
    expect(steampipe.accepts(unauthorized, '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}')).toBe(false);
    expect(steampipe.accepts(unauthorized, unauthorized.remedy!.pattern)).toBe(true);
  });
});

test("Security Hub's strings are the pack's, byte for byte", () => {
  const pack = readFileSync(join(ROOT, "rules", "packs", "cis.yaml"), "utf8");
  for (const [, condition] of data.get("security-hub")!.controls) expect(pack).toContain(`pattern: '${condition.pattern!.replace(/'/g, "''")}'`);
  expect(data.get("security-hub")!.controls.size).toBe(14);
});
