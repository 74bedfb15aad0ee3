import { CONFIG_SCHEMA } from "../../lib/config/schema";
import { JsonSchema } from "../../lib/source/schema-validator";

/**
 * Terraform template syntax planted in config strings. If any of it reached Terraform as
 * code, `file()` of a path that does not exist would fail the plan, and the directive
 * would vanish from the planned value.
 */
export const HOSTILE_TEXT = 'x${file("/nonexistent/cis-canary")}%{ if true }y%{ endif }';

/** A config in which every string field of the schema has a place to be set (one account). */
export function richConfig(): Record<string, unknown> {
  return {
    rule_packs: [],
    organization_trail: { account: "main", per_account_alarms: ["root-account-usage"] },
    backend: {
      s3: { bucket: "example-state", region: "us-east-1", key_prefix: "cis", dynamodb_table: "locks", role_arn: "arn:aws:iam::123456789012:role/state" },
    },
    defaults: {
      rules: { enable: ["root-account-usage", "vpc-changes"], disable: [] },
      log_group: {
        name: "cloudtrail/main",
        mode: "create",
        retention_days: 365,
        kms_key_arn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      },
      cloudtrail: {
        create: true,
        trail_name: "cis-trail",
        bucket_name: "example-trail-bucket",
        role_name: "cis-trail-role",
        kms_key_arn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      },
      tags: { Owner: "platform" },
      dashboard: { enabled: true, name: "cis-dashboard" },
      overrides: {
        "vpc-changes": {
          filter_name: "vpc-filter",
          metric_name: "VpcChanges",
          alarm_name: "vpc-alarm",
          alarm_description: "VPC changes",
          topic: "alerts",
          metric_value: "1",
        },
      },
      topics: {
        alerts: {
          name: "cis-alerts",
          display_name: "CIS alerts",
          severities: ["critical", "high", "medium", "low", "informational"],
          kms: "none",
          subscriptions: [
            { protocol: "email", endpoint: "security@example.com" },
            { protocol: "https", endpoint: "https://pager.example.com/hook" },
          ],
          chatbot: {
            teams: { tenant_id: "11111111-2222-3333-4444-555555555555", team_id: "66666666-7777-8888-9999-000000000000", channel_id: "19:abc@thread.tacv2" },
          },
        },
        pager: {
          severities: [],
          subscriptions: [
            { protocol: "firehose", endpoint: "arn:aws:firehose:us-east-1:123456789012:deliverystream/alerts", role_arn: "arn:aws:iam::123456789012:role/sns" },
          ],
          chatbot: { slack: { team_id: "T07EA123LEP", channel_id: "C07EZ1ABC23" } },
        },
      },
      access_analyzer: { name: "cis-analyzer" },
      namespace: "LogMetrics",
      name_prefix: "cis-",
    },
    accounts: [{ name: "main", id: "123456789012", region: "us-east-1", role_arn: "arn:aws:iam::123456789012:role/deploy" }],
  };
}

/**
 * Every path of the config schema that holds a string, with map keys and list indexes
 * filled in as richConfig names them (`defaults.topics.alerts.name`, `accounts[0].role_arn`).
 */
export function stringFieldPaths(): (string | number)[][] {
  const definitions = CONFIG_SCHEMA.definitions as Record<string, JsonSchema>;
  const resolve = (schema: JsonSchema): JsonSchema => (schema.$ref ? definitions[String(schema.$ref).split("/").pop()!] : schema);
  const out: (string | number)[][] = [];
  const mapKeys: Record<string, string[]> = { topics: ["alerts", "pager"], overrides: ["vpc-changes"], tags: ["Owner"] };
  const visit = (raw: JsonSchema, path: (string | number)[]) => {
    if (path.length > 12) return;
    const schema = resolve(raw);
    const types = ([] as unknown[]).concat(schema.type ?? []);
    if (types.includes("string") && !schema.enum) out.push(path);
    if (schema.items) visit(schema.items as JsonSchema, [...path, 0]);
    for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) visit(child, [...path, key]);
    const additional = schema.additionalProperties;
    if (additional && typeof additional === "object")
      for (const key of mapKeys[String(path[path.length - 1])] ?? []) visit(additional as JsonSchema, [...path, key]);
  };
  for (const [key, child] of Object.entries(CONFIG_SCHEMA.properties as Record<string, JsonSchema>)) {
    if (key === "accounts") visit(definitions.account, ["accounts", 0]);
    else visit(child, [key]);
  }
  return out;
}

/** A copy of `config` with `value` at `path` (creating the objects on the way). */
export function withValue(config: Record<string, unknown>, path: (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(config);
  let current: Record<string | number, unknown> = copy;
  path.forEach((step, index) => {
    if (index === path.length - 1) current[step] = value;
    else {
      if (typeof current[step] !== "object" || current[step] === null) current[step] = typeof path[index + 1] === "number" ? [] : {};
      current = current[step] as Record<string | number, unknown>;
    }
  });
  return copy;
}

/**
 * Every `${` in synthesized JSON must be one of cdktf's references, and every `%{` escaped:
 * the places where text would run as Terraform code (keys included).
 */
export function unescapedTemplates(json: unknown): string[] {
  const found: string[] = [];
  const reference = /^\$\{(data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+(\.[A-Za-z0-9_]+|\[\d+\])*\}/;
  const check = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      if (text.startsWith("$${", i) || text.startsWith("%%{", i)) i += 2;
      else if (text.startsWith("${", i) && !reference.test(text.slice(i))) found.push(text);
      else if (text.startsWith("%{", i)) found.push(text);
    }
  };
  const walk = (value: unknown) => {
    if (typeof value === "string") check(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        check(key);
        walk(item);
      }
    }
  };
  walk(json);
  return found;
}
