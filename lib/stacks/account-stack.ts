import { Construct } from "constructs";
import { LocalBackend, S3Backend, TerraformStack } from "cdktf";
import { DataAwsCallerIdentity } from "../aws";
import { AccountModel, S3Backend as S3BackendSettings } from "../config/model";
import { AccessAnalyzers } from "../constructs/access-analyzers";
import { AlarmTopic } from "../constructs/alarm-topic";
import { CloudTrailLogGroup } from "../constructs/cloudtrail-log-group";
import { CloudTrailWiring } from "../constructs/cloudtrail-wiring";
import { AccountPasswordPolicy } from "../constructs/password-policy";
import { homeProvider } from "../constructs/providers";
import { RuleAlarm } from "../constructs/rule-alarm";
import { AccountContext } from "../policies/policy-document";

/**
 * Everything one account gets, in its own stack with its own state: the monitoring rules
 * (filter + alarm each), their topics, Access Analyzer per region, the password policy and,
 * when asked, the CloudTrail wiring. Resources are added in model order (sorted ids), so the
 * synthesized JSON does not depend on the order of the YAML.
 */
export class AccountStack extends TerraformStack {
  constructor(scope: Construct, account: AccountModel, backend?: S3BackendSettings) {
    super(scope, account.name);
    if (backend) configureBackend(this, account.name, backend);
    // cdktf's default local path is absolute, which makes the output differ between clones;
    // this one is relative to cdktf.out/stacks/<name> and lands in the project folder.
    else new LocalBackend(this, { path: `../../../terraform.${account.name}.tfstate` });

    const provider = { accountId: account.accountId, roleArn: account.roleArn, sessionName: `cis-baseline-${account.name}`, tags: account.tags };
    homeProvider(this, account.region, provider);

    const context: AccountContext = {
      accountId: account.accountId ?? callerAccountId(this),
      region: account.region,
      partition: account.partition,
    };

    const logGroup = new CloudTrailLogGroup(this, account.logGroup);
    if (account.trail && logGroup.created) {
      new CloudTrailWiring(this, { trail: account.trail, logGroup: logGroup.created, context });
    }

    const topics = new Map(
      account.topics.map((topic) => [topic.key, { topic, construct: new AlarmTopic(this, { topic, context }) }]),
    );
    for (const rule of account.rules) {
      const target = topics.get(rule.topic)!;
      new RuleAlarm(this, {
        rule,
        logGroupName: logGroup.name,
        topicArn: target.construct.snsTopic.arn,
        okActions: target.topic.okActions,
      });
    }

    if (account.accessAnalyzer.enabled) {
      new AccessAnalyzers(this, { regions: account.regions, settings: account.accessAnalyzer, provider });
    }
    if (account.passwordPolicy.enabled) new AccountPasswordPolicy(this, account.passwordPolicy);
  }
}

/** Without a configured id, the account id is read from the credentials at plan time. */
function callerAccountId(scope: Construct): string {
  const identity = new DataAwsCallerIdentity(scope, "caller");
  identity.overrideLogicalId("current");
  return identity.accountId;
}

function configureBackend(stack: TerraformStack, accountName: string, settings: S3BackendSettings): void {
  const backend = new S3Backend(stack, {
    bucket: settings.bucket,
    key: `${settings.keyPrefix}/${accountName}/terraform.tfstate`,
    region: settings.region,
    encrypt: settings.encrypt,
    dynamodbTable: settings.dynamodbTable,
    assumeRole: settings.roleArn ? { roleArn: settings.roleArn } : undefined,
  });
  // S3-native state locking (Terraform >= 1.10); cdktf 0.21's S3Backend has no property for it.
  if (settings.useLockfile) backend.addOverride("use_lockfile", true);
}
