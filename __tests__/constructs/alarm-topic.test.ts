import { MINIMAL, loadFrom } from "../support/temp-config";
import { BASELINE_CONFIG, loadModel, referenced, resources, synthAccount } from "../support/synth";

type Statement = {
  Sid: string;
  Effect: string;
  Principal?: unknown;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
};

const model = loadModel(BASELINE_CONFIG);
const json = synthAccount(model.accounts[0], model);
const statementsOf = (policy: unknown): Statement[] => JSON.parse(String(policy)).Statement;

describe("alarm topic policy", () => {
  const policies = resources(json, "aws_sns_topic_policy");

  test("one policy per topic, attached to that topic", () => {
    expect(Object.keys(policies).sort()).toEqual(Object.keys(resources(json, "aws_sns_topic")).sort());
    for (const [name, policy] of Object.entries(policies)) expect(policy.arn).toBe(`\${aws_sns_topic.${name}.arn}`);
  });

  test("only CloudWatch may publish, for this account's alarms in this region", () => {
    for (const [name, policy] of Object.entries(policies)) {
      const allows = statementsOf(policy.policy).filter((statement) => statement.Effect === "Allow");
      expect(allows).toEqual([
        {
          Sid: "AllowThisAccountsCloudWatchAlarms",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: "sns:Publish",
          Resource: `\${aws_sns_topic.${name}.arn}`,
          Condition: {
            StringEquals: { "aws:SourceAccount": "${data.aws_caller_identity.current.account_id}" },
            ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:us-east-1:${data.aws_caller_identity.current.account_id}:alarm:*" },
          },
        },
      ]);
    }
  });

  test("no statement lets an unconditioned * publish", () => {
    for (const policy of Object.values(policies)) {
      for (const statement of statementsOf(policy.policy)) {
        const everyone = statement.Principal === "*" || JSON.stringify(statement.Principal).includes('"*"');
        if (statement.Effect === "Allow") expect(everyone).toBe(false);
        if (everyone) expect(statement.Condition).toBeDefined();
      }
    }
  });

  test("publishing without TLS is denied", () => {
    for (const policy of Object.values(policies)) {
      expect(statementsOf(policy.policy)).toContainEqual(
        expect.objectContaining({ Effect: "Deny", Principal: "*", Action: "sns:Publish", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      );
    }
  });

  test("a configured account id is written literally (no data source read at plan)", () => {
    const { model: literal } = loadFrom(MINIMAL);
    const literalJson = synthAccount(literal.accounts[0], literal);
    expect(literalJson.data?.aws_caller_identity).toBeUndefined();
    const [policy] = Object.values(resources(literalJson, "aws_sns_topic_policy"));
    expect(statementsOf(policy.policy)[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:*" },
    });
    expect(literalJson.provider.aws[0].allowed_account_ids).toEqual(["123456789012"]);
  });
});

describe("topic encryption", () => {
  const keys = resources(json, "aws_kms_key");
  const topics = resources(json, "aws_sns_topic");

  test("kms: create gives each topic its own customer-managed key with rotation", () => {
    expect(Object.keys(keys).sort()).toEqual(["security_alerts", "security_notices"]);
    for (const [name, topic] of Object.entries(topics)) {
      expect(referenced(json, topic.kms_master_key_id)).toEqual({ type: "aws_kms_key", name, path: "arn" });
      expect(keys[name]).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    }
  });

  test("the key policy lets CloudWatch generate data keys and decrypt, for this account's alarms", () => {
    for (const key of Object.values(keys)) {
      const statements = statementsOf(key.policy);
      expect(statements).toContainEqual({
        Sid: "AllowThisAccountsCloudWatchAlarms",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: {
          StringEquals: { "aws:SourceAccount": "${data.aws_caller_identity.current.account_id}" },
          ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:us-east-1:${data.aws_caller_identity.current.account_id}:alarm:*" },
        },
      });
      // The account keeps control of its key (without this statement nobody could manage it).
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }, Action: "kms:*" }),
      );
    }
  });

  test("an existing key is used as given; none means no key", () => {
    const withKey = MINIMAL.replace("    alerts:\n", "    alerts:\n      kms: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n");
    const { model: keyed } = loadFrom(withKey);
    const keyedJson = synthAccount(keyed.accounts[0], keyed);
    expect(Object.values(resources(keyedJson, "aws_sns_topic"))[0].kms_master_key_id).toBe(
      "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    );
    expect(resources(keyedJson, "aws_kms_key")).toEqual({});
    const { model: plain } = loadFrom(MINIMAL);
    expect(Object.values(resources(synthAccount(plain.accounts[0], plain), "aws_sns_topic"))[0]).not.toHaveProperty("kms_master_key_id");
  });
});
