import { BASELINE_CONFIG, loadModel, referenced, resources, synthAccount, synthAccountText } from "../support/synth";

/**
 * The exact filter strings the AWS Security Hub user guide prescribes (CloudWatch controls
 * page), typed here independently of rules/packs/cis.yaml: Security Hub fails a control
 * when the string differs in any byte.
 */
const SECURITY_HUB_PATTERNS: Record<string, string> = {
  "CloudWatch.1": '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  "CloudWatch.2": '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  "CloudWatch.3":
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  "CloudWatch.4":
    "{($.eventSource=iam.amazonaws.com) && (($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy))}",
  "CloudWatch.5":
    "{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}",
  "CloudWatch.6": '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  "CloudWatch.7": "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}",
  "CloudWatch.8":
    "{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}",
  "CloudWatch.9":
    "{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}",
  "CloudWatch.10":
    "{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}",
  "CloudWatch.11":
    "{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}",
  "CloudWatch.12":
    "{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}",
  "CloudWatch.13":
    "{($.eventSource=ec2.amazonaws.com) && (($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable))}",
  "CloudWatch.14":
    "{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}",
};

/** CIS AWS Foundations Benchmark v1.4.0 4.15 (no Security Hub control): the benchmark's string, 18 Organizations event names. */
const CIS_4_15 =
  '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }';

const model = loadModel(BASELINE_CONFIG);
const account = model.accounts[0];
const json = synthAccount(account, model);
const filters = resources(json, "aws_cloudwatch_log_metric_filter");
const alarms = resources(json, "aws_cloudwatch_metric_alarm");

describe("the default baseline", () => {
  test("has a filter and an alarm for CloudWatch.1-14 and CIS 4.15", () => {
    const securityHubIds = account.rules
      .map((rule) => rule.definition.references.securityHub)
      .filter(Boolean)
      .sort();
    expect(securityHubIds).toEqual(Object.keys(SECURITY_HUB_PATTERNS).sort());
    expect(account.rules.some((rule) => rule.definition.references.cisV140 === "4.15")).toBe(true);
    // Each rule's own filter, plus the two Steampipe variants (see the compliance tests); one alarm per rule.
    const ruleFilters = account.rules.map((rule) => rule.id.replace(/-/g, "_")).sort();
    expect(Object.keys(filters).sort()).toEqual([...ruleFilters, "security_group_changes_steampipe", "unauthorized_api_calls_steampipe"].sort());
    expect(Object.keys(alarms).sort()).toEqual(ruleFilters);
  });

  test.each(Object.entries(SECURITY_HUB_PATTERNS))("%s's filter pattern is Security Hub's string, byte for byte", (control, pattern) => {
    const rule = account.rules.find((candidate) => candidate.definition.references.securityHub === control)!;
    const filter = Object.values(filters).find((candidate) => candidate.name === rule.filterName)!;
    expect(Buffer.from(String(filter.pattern))).toEqual(Buffer.from(pattern));
  });

  test("CIS 4.15's filter lists the benchmark's 18 Organizations event names, then Prowler's three more and CloseAccount", () => {
    const pattern = String(filters.organizations_changes.pattern);
    const names = [...pattern.matchAll(/\$\.eventName = "([A-Za-z]+)"/g)].map((match) => match[1]);
    const benchmark = [...CIS_4_15.matchAll(/\$\.eventName = "([A-Za-z]+)"/g)].map((match) => match[1]);
    expect(names).toEqual([...benchmark, "CancelHandshake", "CreateOrganization", "EnableAllFeatures", "CloseAccount"]);
    expect(pattern.startsWith(CIS_4_15.slice(0, CIS_4_15.lastIndexOf(")) }")))).toBe(true);
  });

  test("each rule's metric counts 1 per matching event, 0 otherwise, into LogMetrics, with no dimensions", () => {
    for (const rule of account.rules) {
      const id = rule.id.replace(/-/g, "_");
      const own = filters[id];
      const variants = Object.entries(filters).filter(([name]) => name.startsWith(`${id}_`));
      // Exactly one filter counts: the rule's own, or the variant that widens it (security groups: ModifySecurityGroupRules).
      const counting = [own, ...variants.map(([, filter]) => filter)].filter((filter) => (filter.metric_transformation as { value: string }).value === "1");
      expect(counting).toHaveLength(1);
      expect(own.metric_transformation).toEqual({ name: rule.metricName, namespace: "LogMetrics", value: expect.stringMatching(/^[01]$/), default_value: "0" });
      for (const [, variant] of variants)
        expect(variant.metric_transformation).toEqual({ name: rule.metricName, namespace: "LogMetrics", value: expect.stringMatching(/^[01]$/) });
      for (const filter of [own, ...variants.map(([, variant]) => variant)])
        expect(filter.log_group_name).toBe("${data.aws_cloudwatch_log_group.cloudtrail.name}");
    }
    expect((filters.security_group_changes_steampipe.metric_transformation as { value: string }).value).toBe("1");
  });

  test("every alarm watches exactly the metric its own filter emits, without dimensions", () => {
    for (const [name, alarm] of Object.entries(alarms)) {
      const metric = referenced(json, alarm.metric_name);
      const namespace = referenced(json, alarm.namespace);
      expect(metric).toEqual({ type: "aws_cloudwatch_log_metric_filter", name, path: "metric_transformation[0].name" });
      expect(namespace).toEqual({ type: "aws_cloudwatch_log_metric_filter", name, path: "metric_transformation[0].namespace" });
      expect(alarm).not.toHaveProperty("dimensions");
      expect(alarm).not.toHaveProperty("metric_query");
    }
  });

  test("every alarm fires on one matching event within one period", () => {
    for (const alarm of Object.values(alarms)) {
      expect(alarm).toMatchObject({
        statistic: "Sum",
        comparison_operator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        evaluation_periods: 1,
        datapoints_to_alarm: 1,
        period: 300,
        actions_enabled: true,
      });
    }
  });

  test("every alarm notifies a topic that has a subscription, routed by severity", () => {
    const subscriptions = Object.values(resources(json, "aws_sns_topic_subscription"));
    for (const rule of account.rules) {
      const alarm = alarms[rule.id.replace(/-/g, "_")];
      const expectedTopic = ["critical", "high"].includes(rule.definition.severity) ? "security_alerts" : "security_notices";
      expect(alarm.alarm_actions).toEqual([`\${aws_sns_topic.${expectedTopic}.arn}`]);
      expect(alarm.ok_actions).toEqual(expectedTopic === "security_alerts" ? [`\${aws_sns_topic.${expectedTopic}.arn}`] : []);
      const topic = referenced(json, (alarm.alarm_actions as string[])[0]);
      expect(subscriptions.filter((subscription) => subscription.topic_arn === `\${aws_sns_topic.${topic.name}.arn}`).length).toBeGreaterThan(0);
    }
  });

  test("the synthesized stack is valid Terraform JSON and stable (snapshot)", () => {
    const text = synthAccountText(account, model);
    expect(text).toBe(synthAccountText(account, model));
    expect(text).toMatchSnapshot();
  });
});
