/**
 * The only module that imports the AWS provider bindings. Deep imports keep synth fast
 * (the package root loads every resource: ~20 s and 1.4 GB instead of well under a second),
 * and keeping them here means a move to CDK Terrain or provider 6.x touches one file.
 */
import { AwsProvider as GeneratedAwsProvider } from "@cdktf/provider-aws/lib/provider";
import { AccessanalyzerAnalyzer as GeneratedAccessanalyzerAnalyzer } from "@cdktf/provider-aws/lib/accessanalyzer-analyzer";
import { ChatbotSlackChannelConfiguration as GeneratedChatbotSlackChannelConfiguration } from "@cdktf/provider-aws/lib/chatbot-slack-channel-configuration";
import { ChatbotTeamsChannelConfiguration as GeneratedChatbotTeamsChannelConfiguration } from "@cdktf/provider-aws/lib/chatbot-teams-channel-configuration";
import { Cloudtrail as GeneratedCloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchDashboard as GeneratedCloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchLogGroup as GeneratedCloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogMetricFilter as GeneratedCloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm as GeneratedCloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsCallerIdentity as GeneratedDataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsCloudwatchLogGroup as GeneratedDataAwsCloudwatchLogGroup } from "@cdktf/provider-aws/lib/data-aws-cloudwatch-log-group";
import { DataAwsCloudwatchLogGroups as GeneratedDataAwsCloudwatchLogGroups } from "@cdktf/provider-aws/lib/data-aws-cloudwatch-log-groups";
import { IamAccountPasswordPolicy as GeneratedIamAccountPasswordPolicy } from "@cdktf/provider-aws/lib/iam-account-password-policy";
import { IamPolicy as GeneratedIamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole as GeneratedIamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy as GeneratedIamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsAlias as GeneratedKmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey as GeneratedKmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket as GeneratedS3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls as GeneratedS3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy as GeneratedS3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock as GeneratedS3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA as GeneratedS3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA as GeneratedS3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { SecurityhubAccount as GeneratedSecurityhubAccount } from "@cdktf/provider-aws/lib/securityhub-account";
import { SecurityhubStandardsSubscription as GeneratedSecurityhubStandardsSubscription } from "@cdktf/provider-aws/lib/securityhub-standards-subscription";
import { SnsTopic as GeneratedSnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy as GeneratedSnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription as GeneratedSnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";

/** The generated bindings, each synthesizing only the attributes it was given. */
type Constructor = abstract new (...args: never[]) => object;
function withoutUnset<T extends Constructor>(Base: T): T {
  abstract class Lean extends (Base as unknown as new (...args: never[]) => { synthesizeAttributes(): Record<string, unknown> }) {
    synthesizeAttributes(): Record<string, unknown> {
      const all = super.synthesizeAttributes();
      const set: Record<string, unknown> = {};
      for (const key in all) if (all[key] !== undefined) set[key] = all[key];
      return set;
    }
  }
  return Lean as unknown as T;
}

/**
 * The aws provider, rendered as plain data. Every provider configuration of this app is
 * literal (region, alias, account guard, role, tags), so its block needs none of cdktf's
 * token resolution, which for an organization's tens of thousands of provider blocks
 * (one per region per account) is a large part of synth. Should a configuration ever hold
 * a token, it is rendered the usual way.
 */
class PlainAwsProvider extends withoutUnset(GeneratedAwsProvider) {
  toTerraform(): Record<string, unknown> {
    const block = this.synthesizeAttributes();
    if (JSON.stringify(block).includes("TfToken[")) return super.toTerraform();
    const generator = this.terraformGeneratorMetadata;
    return {
      terraform: {
        required_providers: {
          [this.terraformResourceType]: { version: generator?.providerVersion || generator?.providerVersionConstraint, source: this.terraformProviderSource },
        },
      },
      provider: { [this.terraformResourceType]: [block] },
    };
  }
}

export const AwsProvider = PlainAwsProvider;
export type AwsProvider = PlainAwsProvider;
export const AccessanalyzerAnalyzer = withoutUnset(GeneratedAccessanalyzerAnalyzer);
export type AccessanalyzerAnalyzer = InstanceType<typeof GeneratedAccessanalyzerAnalyzer>;
export const ChatbotSlackChannelConfiguration = withoutUnset(GeneratedChatbotSlackChannelConfiguration);
export type ChatbotSlackChannelConfiguration = InstanceType<typeof GeneratedChatbotSlackChannelConfiguration>;
export const ChatbotTeamsChannelConfiguration = withoutUnset(GeneratedChatbotTeamsChannelConfiguration);
export type ChatbotTeamsChannelConfiguration = InstanceType<typeof GeneratedChatbotTeamsChannelConfiguration>;
export const Cloudtrail = withoutUnset(GeneratedCloudtrail);
export type Cloudtrail = InstanceType<typeof GeneratedCloudtrail>;
export const CloudwatchDashboard = withoutUnset(GeneratedCloudwatchDashboard);
export type CloudwatchDashboard = InstanceType<typeof GeneratedCloudwatchDashboard>;
export const CloudwatchLogGroup = withoutUnset(GeneratedCloudwatchLogGroup);
export type CloudwatchLogGroup = InstanceType<typeof GeneratedCloudwatchLogGroup>;
export const CloudwatchLogMetricFilter = withoutUnset(GeneratedCloudwatchLogMetricFilter);
export type CloudwatchLogMetricFilter = InstanceType<typeof GeneratedCloudwatchLogMetricFilter>;
export const CloudwatchMetricAlarm = withoutUnset(GeneratedCloudwatchMetricAlarm);
export type CloudwatchMetricAlarm = InstanceType<typeof GeneratedCloudwatchMetricAlarm>;
export const DataAwsCallerIdentity = withoutUnset(GeneratedDataAwsCallerIdentity);
export type DataAwsCallerIdentity = InstanceType<typeof GeneratedDataAwsCallerIdentity>;
export const DataAwsCloudwatchLogGroup = withoutUnset(GeneratedDataAwsCloudwatchLogGroup);
export const DataAwsCloudwatchLogGroups = withoutUnset(GeneratedDataAwsCloudwatchLogGroups);
export type DataAwsCloudwatchLogGroups = InstanceType<typeof GeneratedDataAwsCloudwatchLogGroups>;
export type DataAwsCloudwatchLogGroup = InstanceType<typeof GeneratedDataAwsCloudwatchLogGroup>;
export const IamAccountPasswordPolicy = withoutUnset(GeneratedIamAccountPasswordPolicy);
export type IamAccountPasswordPolicy = InstanceType<typeof GeneratedIamAccountPasswordPolicy>;
export const IamPolicy = withoutUnset(GeneratedIamPolicy);
export type IamPolicy = InstanceType<typeof GeneratedIamPolicy>;
export const IamRole = withoutUnset(GeneratedIamRole);
export type IamRole = InstanceType<typeof GeneratedIamRole>;
export const IamRolePolicy = withoutUnset(GeneratedIamRolePolicy);
export type IamRolePolicy = InstanceType<typeof GeneratedIamRolePolicy>;
export const KmsAlias = withoutUnset(GeneratedKmsAlias);
export type KmsAlias = InstanceType<typeof GeneratedKmsAlias>;
export const KmsKey = withoutUnset(GeneratedKmsKey);
export type KmsKey = InstanceType<typeof GeneratedKmsKey>;
export const S3Bucket = withoutUnset(GeneratedS3Bucket);
export type S3Bucket = InstanceType<typeof GeneratedS3Bucket>;
export const S3BucketOwnershipControls = withoutUnset(GeneratedS3BucketOwnershipControls);
export type S3BucketOwnershipControls = InstanceType<typeof GeneratedS3BucketOwnershipControls>;
export const S3BucketPolicy = withoutUnset(GeneratedS3BucketPolicy);
export type S3BucketPolicy = InstanceType<typeof GeneratedS3BucketPolicy>;
export const S3BucketPublicAccessBlock = withoutUnset(GeneratedS3BucketPublicAccessBlock);
export type S3BucketPublicAccessBlock = InstanceType<typeof GeneratedS3BucketPublicAccessBlock>;
export const S3BucketServerSideEncryptionConfigurationA = withoutUnset(GeneratedS3BucketServerSideEncryptionConfigurationA);
export type S3BucketServerSideEncryptionConfigurationA = InstanceType<typeof GeneratedS3BucketServerSideEncryptionConfigurationA>;
export const S3BucketVersioningA = withoutUnset(GeneratedS3BucketVersioningA);
export type S3BucketVersioningA = InstanceType<typeof GeneratedS3BucketVersioningA>;
export const SecurityhubAccount = withoutUnset(GeneratedSecurityhubAccount);
export type SecurityhubAccount = InstanceType<typeof GeneratedSecurityhubAccount>;
export const SecurityhubStandardsSubscription = withoutUnset(GeneratedSecurityhubStandardsSubscription);
export type SecurityhubStandardsSubscription = InstanceType<typeof GeneratedSecurityhubStandardsSubscription>;
export const SnsTopic = withoutUnset(GeneratedSnsTopic);
export type SnsTopic = InstanceType<typeof GeneratedSnsTopic>;
export const SnsTopicPolicy = withoutUnset(GeneratedSnsTopicPolicy);
export type SnsTopicPolicy = InstanceType<typeof GeneratedSnsTopicPolicy>;
export const SnsTopicSubscription = withoutUnset(GeneratedSnsTopicSubscription);
export type SnsTopicSubscription = InstanceType<typeof GeneratedSnsTopicSubscription>;
