import { Construct } from "constructs";
import { BaselineStack } from "./baseline-stack";
import { DataAwsCallerIdentity } from "../aws";
import { regionsOfPartition } from "../model/aws-facts";
import { AccountModel, StateBackend } from "../model/model";
import { AlarmTopic } from "../constructs/alarm-topic";
import { AnalyzerHandover } from "../constructs/analyzer-handover";
import { CloudTrailLogGroup } from "../constructs/cloudtrail-log-group";
import { CloudTrailWiring } from "../constructs/cloudtrail-wiring";
import { AccountPasswordPolicy } from "../constructs/password-policy";
import { chatbotProvider, homeProvider, providerSettingsOf } from "../constructs/providers";
import { AccountOutputs } from "../constructs/account-outputs";
import { BaselineDashboard } from "../constructs/baseline-dashboard";
import { RuleAlarm } from "../constructs/rule-alarm";
import { AccountContext } from "../policies/policy-document";
import { configureState } from "./state-backend";

export interface AccountStackProps {
  readonly account: AccountModel;
  /**
   * Where the stack keeps its state.
   * @default local state (terraform.tfstate beside the stack)
   */
  readonly backend?: StateBackend;
}

/**
 * The account's everyday stack, in its own state, with the home region's provider (and
 * Chatbot's, see providers.ts): the monitoring rules (filter + alarm each), their topics
 * and keys, the password policy and, when asked, the CloudTrail wiring and a dashboard. Resources are added in model order (sorted ids), so the
 * synthesized JSON does not depend on the order of the YAML. Per-region resources live in
 * the RegionalStack.
 */
export class AccountStack extends BaselineStack {
  /** Set while analyzers move to the regional stack (access_analyzer.import_existing). */
  readonly analyzerHandover?: AnalyzerHandover;

  constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id);
    const { account, backend } = props;
    configureState(this, account.stacks.home, backend);
    const provider = providerSettingsOf(account);
    homeProvider(this, account.region, provider);
    const chatbot = chatbotProvider(this, account, provider);
    if (account.accessAnalyzer.importExisting) {
      this.analyzerHandover = new AnalyzerHandover(this, "analyzer-handover", {
        regions: regionsOfPartition(account.partition),
        provider,
        forget: !account.decommission,
      });
    }
    if (account.decommission) return;

    const context: AccountContext = {
      accountId: account.accountId ?? callerAccountId(this),
      region: account.region,
      partition: account.partition,
    };

    const topics = new Map(
      account.topics.map((topic) => [topic.key, { topic, construct: new AlarmTopic(this, topic.key, { topic, context, chatbotProvider: chatbot }) }]),
    );
    // An account whose events another account watches (organization trail) has no log group to watch.
    if (account.logGroup) {
      const logGroup = new CloudTrailLogGroup(this, "log-group", account.logGroup);
      if (account.trail && logGroup.created) {
        new CloudTrailWiring(this, "cloudtrail", { trail: account.trail, logGroup: logGroup.created, context });
      }
      const alarms = account.rules.map((rule) => {
        const target = topics.get(rule.topic)!;
        return new RuleAlarm(this, rule.id, {
          rule,
          logGroupName: logGroup.name,
          topicArn: target.construct.snsTopic.arn,
          okActions: target.topic.okActions,
        });
      });
      if (account.dashboard) {
        new BaselineDashboard(this, "dashboard", {
          dashboard: account.dashboard,
          accountName: account.name,
          region: account.region,
          logGroupName: account.logGroup.mode === "existing" && account.logGroup.namePrefix ? `${account.logGroup.namePrefix}*` : account.logGroup.name,
          ruleAlarms: alarms.map((alarm, index) => ({ title: account.rules[index].definition.title, alarmArn: alarm.alarm.arn })),
          otherAlarmArns: alarms.flatMap((alarm) => alarm.perAccountAlarms.map(({ resource }) => resource.arn)),
        });
      }
      new AccountOutputs(this, "outputs", {
        logGroupName: logGroup.name,
        topicArns: [...topics.values()].map(({ topic, construct }) => [topic.key, construct.snsTopic.arn]),
        alarms,
      });
    }
    if (account.passwordPolicy.enabled) new AccountPasswordPolicy(this, "password-policy", account.passwordPolicy);
  }
}

/** Without a configured id, the account id is read from the credentials at plan time. */
function callerAccountId(scope: Construct): string {
  const identity = new DataAwsCallerIdentity(scope, "caller");
  identity.overrideLogicalId("current");
  return identity.accountId;
}
