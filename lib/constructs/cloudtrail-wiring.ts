import { Construct } from "constructs";
import {
  Cloudtrail,
  CloudwatchLogGroup,
  IamRole,
  IamRolePolicy,
  S3Bucket,
  S3BucketOwnershipControls,
  S3BucketPolicy,
  S3BucketPublicAccessBlock,
  S3BucketServerSideEncryptionConfigurationA,
  S3BucketVersioningA,
} from "../aws";
import { TrailSettings } from "../model/model";
import { AccountContext, renderPolicy } from "../policies/policy-document";
import { trailAssumeRolePolicy, trailBucketPolicy, trailDeliveryPolicy } from "../policies/trail-policies";

export interface CloudTrailWiringProps {
  readonly trail: TrailSettings;
  readonly logGroup: CloudwatchLogGroup;
  readonly context: AccountContext;
}

/**
 * For accounts without a trail: a multi-region trail with log file validation covering all
 * management events (KMS included, which CloudWatch.7 needs), its private, versioned,
 * encrypted, TLS-only bucket, and the role CloudTrail assumes to write to the log group.
 */
export class CloudTrailWiring extends Construct {
  readonly cloudtrail: Cloudtrail;

  constructor(scope: Construct, id: string, props: CloudTrailWiringProps) {
    super(scope, id);
    const { trail, context } = props;
    const address = "cloudtrail";

    const bucket = new S3Bucket(this, "bucket", { bucket: trail.bucketName });
    bucket.overrideLogicalId(address);
    new S3BucketOwnershipControls(this, "ownership", {
      bucket: bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    }).overrideLogicalId(address);
    new S3BucketPublicAccessBlock(this, "public-access", {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    }).overrideLogicalId(address);
    new S3BucketVersioningA(this, "versioning", {
      bucket: bucket.id,
      versioningConfiguration: { status: "Enabled" },
    }).overrideLogicalId(address);
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: trail.kmsKeyArn ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: trail.kmsKeyArn } : { sseAlgorithm: "AES256" },
          bucketKeyEnabled: trail.kmsKeyArn ? true : undefined,
        },
      ],
    }).overrideLogicalId(address);
    const bucketPolicy = new S3BucketPolicy(this, "bucket-policy", {
      bucket: bucket.id,
      policy: renderPolicy(trailBucketPolicy(trail.bucketName, trail.name, context)),
    });
    bucketPolicy.overrideLogicalId(address);

    const role = new IamRole(this, "role", {
      name: trail.roleName,
      description: "CloudTrail delivers events to the CloudWatch Logs group the CIS metric filters watch",
      assumeRolePolicy: renderPolicy(trailAssumeRolePolicy(context)),
    });
    role.overrideLogicalId(address);
    const rolePolicy = new IamRolePolicy(this, "role-policy", {
      name: "write-cloudtrail-log-group",
      role: role.id,
      policy: renderPolicy(trailDeliveryPolicy(props.logGroup.arn)),
    });
    rolePolicy.overrideLogicalId(address);

    this.cloudtrail = new Cloudtrail(this, "trail", {
      name: trail.name,
      s3BucketName: bucket.id,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: trail.kmsKeyArn,
      cloudWatchLogsGroupArn: `${props.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      eventSelector: [{ readWriteType: "All", includeManagementEvents: true }],
      dependsOn: [bucketPolicy, rolePolicy],
    });
    this.cloudtrail.overrideLogicalId(address);
  }
}
