/**
 * Benchmark baseline, not product code: the default baseline's stack written the way the
 * cdktf TypeScript template does it (ts-node, and the package-root import of
 * @cdktf/provider-aws, which loads every resource binding). Same resources as
 * rules/default.yaml: 15 filters and alarms, 2 encrypted topics with policies and
 * subscriptions, 17 regional providers and analyzers, the password policy. `npm run bench`
 * runs it with `ts-node` for comparison. Type-checking it costs `npm test` about six seconds
 * (the package-root import's declarations), paid so it cannot rot.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import {
  accessanalyzerAnalyzer,
  cloudwatchLogMetricFilter,
  cloudwatchMetricAlarm,
  dataAwsCallerIdentity,
  dataAwsCloudwatchLogGroup,
  iamAccountPasswordPolicy,
  kmsAlias,
  kmsKey,
  provider,
  snsTopic,
  snsTopicPolicy,
  snsTopicSubscription,
} from "@cdktf/provider-aws";
import { parse } from "yaml";
import { DEFAULT_REGIONS } from "../../lib/model/aws-facts";

const app = new App();
const stack = new TerraformStack(app, "main");
new provider.AwsProvider(stack, "aws", { region: "us-east-1", defaultTags: [{ tags: { ManagedBy: "cdktf-aws-cis-baseline" } }] });
const caller = new dataAwsCallerIdentity.DataAwsCallerIdentity(stack, "current");
const logGroup = new dataAwsCloudwatchLogGroup.DataAwsCloudwatchLogGroup(stack, "cloudtrail", { name: "CloudTrail/DefaultLogGroup" });

const topics: Record<string, snsTopic.SnsTopic> = {};
for (const name of ["security-alerts", "security-notices"]) {
  const key = new kmsKey.KmsKey(stack, `${name}-key`, {
    enableKeyRotation: true,
    policy: JSON.stringify({
      Statement: [
        {
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          Condition: { StringEquals: { "aws:SourceAccount": caller.accountId } },
        },
      ],
    }),
  });
  new kmsAlias.KmsAlias(stack, `${name}-alias`, { name: `alias/cis-${name}`, targetKeyId: key.keyId });
  const topic = new snsTopic.SnsTopic(stack, name, { name: `cis-${name}`, kmsMasterKeyId: key.arn });
  new snsTopicPolicy.SnsTopicPolicy(stack, `${name}-policy`, {
    arn: topic.arn,
    policy: JSON.stringify({ Statement: [{ Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: topic.arn }] }),
  });
  new snsTopicSubscription.SnsTopicSubscription(stack, `${name}-email`, { topicArn: topic.arn, protocol: "email", endpoint: "security-team@example.com" });
  topics[name] = topic;
}

const pack = parse(readFileSync(join(__dirname, "..", "..", "rules", "packs", "cis.yaml"), "utf8")) as {
  rules: { id: string; severity: string; metric_name: string; pattern: string }[];
};
for (const rule of pack.rules) {
  const filter = new cloudwatchLogMetricFilter.CloudwatchLogMetricFilter(stack, `${rule.id}-filter`, {
    name: `cis-${rule.id}`,
    logGroupName: logGroup.name,
    pattern: rule.pattern,
    metricTransformation: { name: rule.metric_name, namespace: "LogMetrics", value: "1", defaultValue: "0" },
  });
  const topic = ["critical", "high"].includes(rule.severity) ? topics["security-alerts"] : topics["security-notices"];
  new cloudwatchMetricAlarm.CloudwatchMetricAlarm(stack, `${rule.id}-alarm`, {
    alarmName: `cis-${rule.id}`,
    metricName: filter.metricTransformation.name,
    namespace: filter.metricTransformation.namespace,
    statistic: "Sum",
    period: 300,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    alarmActions: [topic.arn],
  });
}

for (const region of DEFAULT_REGIONS) {
  const regional = new provider.AwsProvider(stack, `aws-${region}`, { region, alias: region.replace(/-/g, "_") });
  new accessanalyzerAnalyzer.AccessanalyzerAnalyzer(stack, `analyzer-${region}`, { provider: regional, analyzerName: "cis-access-analyzer" });
}
new iamAccountPasswordPolicy.IamAccountPasswordPolicy(stack, "password-policy", { minimumPasswordLength: 14, passwordReusePrevention: 24 });

app.synth();
