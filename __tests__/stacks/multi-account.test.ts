import { Testing } from "cdktf";
import { AccountStack } from "../../lib/stacks/account-stack";
import { RegionalStack } from "../../lib/stacks/regional-stack";
import { Model } from "../../lib/model/model";
import { stackNamesOf, stacksOf } from "../../lib/model/stack-names";
import { loadModel, resources, synthAccount, synthAccountText, synthRegional, synthRegionalStacks } from "../support/synth";
import { MINIMAL, loadFrom, problemsFor } from "../support/temp-config";

const model = loadModel("rules/examples/multi-account.yaml");

function synthAll(current: Model): Map<string, string> {
  const app = Testing.app();
  const stacks = current.accounts.flatMap((account) => [
    new AccountStack(app, account.stacks.home, { account, backend: current.backend }),
    ...account.stacks.regional.map((stack) => new RegionalStack(app, stack.name, { account, stack, backend: current.backend })),
  ]);
  return new Map(stacks.map((stack) => [stack.node.id, Testing.synth(stack)]));
}

describe("rules/examples/multi-account.yaml", () => {
  test("seven stacks per account: the account stack, named after it, and one per group of regions", () => {
    expect([...synthAll(model).keys()]).toEqual(["management", "security-tooling", "workload-prod"].flatMap((name) => stacksOf(stackNamesOf(name, "aws"))));
  });

  test("each stack keeps its own state: one S3 bucket, a distinct key per stack, S3-native locking", () => {
    const backends = [...synthAll(model).values()].map((text) => (JSON.parse(text).terraform.backend as { s3: Record<string, unknown> }).s3);
    expect(backends.map((backend) => backend.key)).toEqual(
      ["management", "security-tooling", "workload-prod"].flatMap((name) =>
        stacksOf(stackNamesOf(name, "aws")).map((stack) => `cis-baseline/${stack}/terraform.tfstate`),
      ),
    );
    for (const backend of backends) {
      expect(backend).toMatchObject({ bucket: "example-org-terraform-state", region: "us-east-1", encrypt: true, use_lockfile: true });
      expect(backend.assume_role).toEqual({ role_arn: "arn:aws:iam::111111111111:role/terraform-state" });
    }
  });

  test("every provider assumes the account's role and refuses credentials of any other account", () => {
    for (const account of model.accounts) {
      const providers = [...synthAccount(account, model).provider.aws, ...synthRegional(account, model).provider.aws];
      for (const config of providers) {
        expect(config.allowed_account_ids).toEqual([account.accountId]);
        expect(config.assume_role).toEqual([{ role_arn: account.roleArn, session_name: `cis-baseline-${account.name}` }]);
        expect(config.default_tags).toEqual([{ tags: { CostCenter: "security", ManagedBy: "cdktf-aws-cis-baseline" } }]);
      }
    }
  });

  test("shared defaults with per-account overrides", () => {
    const [management, tooling, workload] = model.accounts;
    expect(management.accessAnalyzer).toMatchObject({ type: "ORGANIZATION", unusedAccessAgeDays: 90 });
    expect(tooling.accessAnalyzer.type).toBe("ACCOUNT");
    expect(tooling.regions).toEqual(["eu-central-1", "eu-south-1", "eu-west-1", "us-east-1"]);
    expect(tooling.topics.find((topic) => topic.key === "security-notices")!.subscriptions.map((s) => s.endpoint)).toEqual(["eu-security@example.com"]);
    expect(management.topics.find((topic) => topic.key === "security-notices")!.subscriptions.map((s) => s.protocol)).toEqual(["sqs"]);
    expect(workload.trail).toMatchObject({ bucketName: "cis-cloudtrail-333333333333" });
    expect(workload.logGroup).toMatchObject({ mode: "create", name: "CloudTrail/workload-prod" });
    expect(workload.rules.find((rule) => rule.id === "unauthorized-api-calls")!.alarm).toMatchObject({
      period: 60,
      evaluationPeriods: 15,
      datapointsToAlarm: 5,
    });
  });

  test("adding or removing an account leaves the other stacks byte for byte the same", () => {
    const all = synthAll(model);
    const withoutTooling = synthAll({ ...model, accounts: model.accounts.filter((account) => account.name !== "security-tooling") });
    for (const name of ["management", "workload-prod"].flatMap((account) => stacksOf(stackNamesOf(account, "aws"))))
      expect(withoutTooling.get(name)).toBe(all.get(name));
  });

  test("snapshot of every stack", () => {
    for (const account of model.accounts) {
      expect(synthAccountText(account, model)).toMatchSnapshot(account.stacks.home);
      for (const [name, text] of synthRegionalStacks(account, model)) expect(text).toMatchSnapshot(name);
    }
  });

  test("the created log group feeds the metric filters", () => {
    const workload = synthAccount(model.accounts[2], model);
    for (const filter of Object.values(resources(workload, "aws_cloudwatch_log_metric_filter"))) {
      expect(filter.log_group_name).toBe("${aws_cloudwatch_log_group.cloudtrail.name}");
    }
  });
});

describe("HCP Terraform and Terraform Enterprise", () => {
  const cloud = (settings: string) => `backend:\n  cloud: { ${settings} }\n${MINIMAL}`;

  test("every stack in a workspace of its own, named after the stack, in the organization and project", () => {
    const { model } = loadFrom(cloud("organization: acme, project: security"));
    const account = model.accounts[0];
    const blocks = [synthAccount(account, model), ...[...synthRegionalStacks(account, model).values()].map((text) => JSON.parse(text))].map(
      (json) => json.terraform.cloud as Record<string, unknown>,
    );
    expect(blocks).toEqual(
      stacksOf(stackNamesOf("main", "aws")).map((stack) => ({
        hostname: "app.terraform.io",
        organization: "acme",
        workspaces: { name: `cis-baseline-${stack}`, project: "security" },
      })),
    );
  });

  test("Terraform Enterprise's host and a workspace prefix of one's own", () => {
    const { model } = loadFrom(cloud("organization: acme, hostname: tfe.example.com, workspace_prefix: prod-"));
    expect(synthAccount(model.accounts[0], model).terraform.cloud).toMatchObject({ hostname: "tfe.example.com", workspaces: { name: "prod-main" } });
  });

  test("refused: two backends, a bad organization or host, a workspace name over 90 characters", () => {
    expect(problemsFor(`backend:\n  s3: { bucket: example-state, region: us-east-1 }\n  cloud: { organization: acme }\n${MINIMAL}`)).toEqual([
      expect.stringMatching(/^config\.yaml:3:10: backend\.cloud: give one backend: s3 or cloud/),
    ]);
    expect(problemsFor(cloud("organization: a"))).toEqual([expect.stringContaining('backend.cloud.organization: "a" must be an organization name')]);
    expect(problemsFor(cloud("organization: acme, hostname: 'https://tfe'"))).toEqual([expect.stringContaining("must be a host name like tfe.example.com")]);
    expect(problemsFor(cloud(`organization: acme, workspace_prefix: ${"x".repeat(80)}`))).toEqual([
      expect.stringContaining("backend.cloud.workspace_prefix: the workspace of stack main-regions-apac-south would be"),
    ]);
  });
});
