import { MINIMAL, loadFrom, problemsFor } from "../support/temp-config";
import { TerraformJson, resources, synthAccount } from "../support/synth";

const withTrail = (trail: string, logGroup = "{ lookup: false }") =>
  MINIMAL.replace("  log_group: { lookup: false }", `  log_group: ${logGroup}\n  cloudtrail: ${trail}`);

type Statement = { Sid: string; Effect: string; Principal?: unknown; Action: unknown; Resource?: unknown; Condition?: unknown };
const statements = (policy: unknown): Statement[] => JSON.parse(String(policy)).Statement;
const one = (json: TerraformJson, type: string) => resources(json, type).cloudtrail;

describe("CloudTrail -> CloudWatch Logs wiring (cloudtrail.create)", () => {
  const { model } = loadFrom(withTrail("{ create: true }"));
  const json = synthAccount(model.accounts[0], model);

  test("a multi-region trail with log file validation over all management events (KMS included)", () => {
    expect(one(json, "aws_cloudtrail")).toMatchObject({
      name: "cis-trail",
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      event_selector: [{ read_write_type: "All", include_management_events: true }],
      cloud_watch_logs_group_arn: "${aws_cloudwatch_log_group.cloudtrail.arn}:*",
      cloud_watch_logs_role_arn: "${aws_iam_role.cloudtrail.arn}",
      s3_bucket_name: "${aws_s3_bucket.cloudtrail.id}",
      depends_on: ["aws_s3_bucket_policy.cloudtrail", "aws_iam_role_policy.cloudtrail"],
    });
    expect(one(json, "aws_cloudtrail")).not.toHaveProperty("event_selector.0.exclude_management_event_sources");
  });

  test("the bucket is private, versioned, encrypted and TLS-only", () => {
    expect(one(json, "aws_s3_bucket")).toMatchObject({ bucket: "cis-cloudtrail-123456789012" });
    expect(one(json, "aws_s3_bucket_public_access_block")).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(one(json, "aws_s3_bucket_ownership_controls")).toMatchObject({ rule: { object_ownership: "BucketOwnerEnforced" } });
    expect(one(json, "aws_s3_bucket_versioning")).toMatchObject({ versioning_configuration: { status: "Enabled" } });
    expect(one(json, "aws_s3_bucket_server_side_encryption_configuration")).toMatchObject({
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
    });
    expect(statements(one(json, "aws_s3_bucket_policy").policy)).toContainEqual(
      expect.objectContaining({
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }),
    );
  });

  test("the bucket policy lets this trail, and only it, check the ACL and write under AWSLogs/<account>/", () => {
    const trailArn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/cis-trail";
    const allows = statements(one(json, "aws_s3_bucket_policy").policy).filter((statement) => statement.Effect === "Allow");
    expect(allows).toEqual([
      {
        Sid: "CloudTrailAclCheck",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: "arn:aws:s3:::cis-cloudtrail-123456789012",
        Condition: { StringEquals: { "aws:SourceArn": trailArn } },
      },
      {
        Sid: "CloudTrailWrite",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: "arn:aws:s3:::cis-cloudtrail-123456789012/AWSLogs/123456789012/*",
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
      },
    ]);
  });

  test("the role: CloudTrail of this account may assume it, and it may only write the log group's streams", () => {
    expect(statements(one(json, "aws_iam_role").assume_role_policy)).toEqual([
      {
        Sid: "CloudTrailAssumesRole",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
      },
    ]);
    expect(statements(one(json, "aws_iam_role_policy").policy)).toEqual([
      {
        Sid: "WriteTrailLogStreams",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: "${aws_cloudwatch_log_group.cloudtrail.arn}:log-stream:*",
      },
    ]);
  });

  test("the log group (retention, optional KMS) is created and the metric filters attach to it", () => {
    expect(one(json, "aws_cloudwatch_log_group")).toMatchObject({ name: "CloudTrail/DefaultLogGroup", retention_in_days: 365 });
    expect(json.data?.aws_cloudwatch_log_group).toBeUndefined();
    for (const filter of Object.values(resources(json, "aws_cloudwatch_log_metric_filter"))) {
      expect(filter.log_group_name).toBe("${aws_cloudwatch_log_group.cloudtrail.name}");
    }
    const { model: encrypted } = loadFrom(
      withTrail(
        "{ create: true, kms_key_arn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' }",
        "{ retention_days: 400, kms_key_arn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' }",
      ),
    );
    const encryptedJson = synthAccount(encrypted.accounts[0], encrypted);
    expect(one(encryptedJson, "aws_cloudwatch_log_group")).toMatchObject({ retention_in_days: 400, kms_key_id: expect.stringContaining(":key/") });
    expect(one(encryptedJson, "aws_cloudtrail")).toMatchObject({ kms_key_id: expect.stringContaining(":key/") });
    expect(one(encryptedJson, "aws_s3_bucket_server_side_encryption_configuration")).toMatchObject({
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms" }, bucket_key_enabled: true }],
    });
  });

  test("off by default: an existing log group, nothing of the above", () => {
    const { model: plain } = loadFrom(MINIMAL);
    const plainJson = synthAccount(plain.accounts[0], plain);
    for (const type of ["aws_cloudtrail", "aws_s3_bucket", "aws_iam_role", "aws_cloudwatch_log_group"]) expect(plainJson.resource[type]).toBeUndefined();
  });

  test("refused: no bucket name without an account id, bad names, keys that need create", () => {
    expect(problemsFor(withTrail("{ create: true }").replace('    id: "123456789012"\n', ""))).toEqual([
      "config.yaml:9:25: defaults.cloudtrail.create: set cloudtrail.bucket_name or the account id: S3 bucket names are global, so the default <name_prefix>cloudtrail-<account id> needs the id",
    ]);
    expect(problemsFor(withTrail("{ create: true, bucket_name: My_Bucket }"))[0]).toContain(
      'defaults.cloudtrail.bucket_name: bucket name "My_Bucket" must use only lowercase letters',
    );
    expect(problemsFor(withTrail("{ create: true, trail_name: a }"))[0]).toContain('trail name "a" must be 3-128');
    expect(problemsFor(withTrail("{ trail_name: main }"))).toEqual([
      "config.yaml:9:29: defaults.cloudtrail.trail_name: trail_name applies only with cloudtrail.create: true",
    ]);
    expect(problemsFor(withTrail("{ create: true }", "{ mode: existing }"))).toEqual([
      "config.yaml:8:22: defaults.log_group.mode: cloudtrail.create makes the stack create the trail's log group; remove mode: existing",
    ]);
  });
});
