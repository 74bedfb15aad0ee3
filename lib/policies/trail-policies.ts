import { AccountContext, PolicyDocument, policy } from "./policy-document";

export function trailArn(context: AccountContext, trailName: string): string {
  return `arn:${context.partition}:cloudtrail:${context.region}:${context.accountId}:trail/${trailName}`;
}

/**
 * The bucket policy CloudTrail needs (ACL check and writes under AWSLogs/<account>/, both
 * only for this trail) plus a TLS-only guard for everyone.
 */
export function trailBucketPolicy(bucketName: string, trailName: string, context: AccountContext): PolicyDocument {
  const bucketArn = `arn:${context.partition}:s3:::${bucketName}`;
  const sourceArn = { "aws:SourceArn": trailArn(context, trailName) };
  return policy(
    {
      Sid: "CloudTrailAclCheck",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: bucketArn,
      Condition: { StringEquals: sourceArn },
    },
    {
      Sid: "CloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${bucketArn}/AWSLogs/${context.accountId}/*`,
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", ...sourceArn } },
    },
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  );
}

/** Lets CloudTrail, for this account only, assume the delivery role. */
export function trailAssumeRolePolicy(context: AccountContext): PolicyDocument {
  return policy({
    Sid: "CloudTrailAssumesRole",
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "sts:AssumeRole",
    Condition: { StringEquals: { "aws:SourceAccount": context.accountId } },
  });
}

/** What the delivery role may do: write streams of the trail's log group, nothing else. */
export function trailDeliveryPolicy(logGroupArn: string): PolicyDocument {
  return policy({
    Sid: "WriteTrailLogStreams",
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: `${logGroupArn}:log-stream:*`,
  });
}
