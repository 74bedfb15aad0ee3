import { AccountSettings } from "./account-settings";
import { LIMITS } from "./aws-facts";
import { DEFAULTS, DERIVED_DEFAULTS } from "./defaults";
import { ARN_RULES, checkEmail, checkHttpsUrl, checkPhoneNumber, checkSingleLine } from "./formats";
import { SEVERITIES, Severity, Subscription, SubscriptionProtocol, Topic, TopicEncryption } from "./model";
import { ProblemList } from "./problems";

interface RawSubscription {
  protocol: SubscriptionProtocol;
  endpoint: string;
  role_arn?: string;
}

/** Builds the account's topics, sorted by key, checking names, encryption and every endpoint. */
export function buildTopics(settings: AccountSettings, prefix: string, problems: ProblemList): Topic[] {
  const topics: Topic[] = [];
  const claimedBy = new Map<Severity, string>();
  for (const key of settings.keys(["topics"]).sort()) {
    const path = ["topics", key];
    const get = <T>(field: string) => settings.get<T>([...path, field]);
    const report = (field: string | (string | number)[], message: string) => {
      const at = settings.where([...path, ...(Array.isArray(field) ? field : [field])]);
      problems.add(at, at.field, message);
    };

    const name = get<string>("name") ?? DERIVED_DEFAULTS.topicName(prefix, key);
    if (name.length > LIMITS.topicName.max || !LIMITS.topicName.pattern.test(name)) {
      report(
        "name",
        name.endsWith(".fifo")
          ? `topic "${name}" is a FIFO topic; CloudWatch alarms can only notify standard topics`
          : `SNS topic name "${name}" must be 1-${LIMITS.topicName.max} letters, digits, - and _`,
      );
    }
    const displayName = get<string>("display_name");
    if (displayName !== undefined && displayName.length > LIMITS.topicDisplayName.max) {
      report("display_name", `must be at most ${LIMITS.topicDisplayName.max} characters`);
    } else if (displayName !== undefined) {
      const problem = checkSingleLine(displayName, "display name");
      if (problem) report("display_name", problem);
    }

    const severities = get<Severity[]>("severities") ?? [];
    for (const severity of severities) {
      const other = claimedBy.get(severity);
      if (other) report("severities", `severity "${severity}" is already routed to topic "${other}"; each severity goes to one topic`);
      else claimedBy.set(severity, key);
    }

    const subscriptions = (get<RawSubscription[]>("subscriptions") ?? []).map((raw, index) =>
      buildSubscription(raw, (field, message) => report(["subscriptions", index, field], message)),
    );
    const seen = new Set<string>();
    subscriptions.forEach((subscription, index) => {
      if (seen.has(subscription.key)) {
        report(["subscriptions", index], `repeats the subscription ${subscription.protocol} ${subscription.endpoint}`);
      }
      seen.add(subscription.key);
    });

    topics.push({
      key,
      name,
      displayName,
      severities: SEVERITIES.filter((severity) => severities.includes(severity)),
      okActions: get<boolean>("ok_actions") ?? DEFAULTS.topic.ok_actions,
      encryption: readEncryption(get<string>("kms") ?? DEFAULTS.topic.kms, (message) => report("kms", message)),
      subscriptions: [...subscriptions].sort((a, b) => a.key.localeCompare(b.key)),
      movedFrom: get<string>("moved_from"),
    });
  }
  for (const topic of topics) {
    if (topic.movedFrom !== undefined && topics.some((other) => other.key === topic.movedFrom)) {
      const at = settings.where(["topics", topic.key, "moved_from"]);
      problems.add(at, at.field, `moved_from "${topic.movedFrom}" is a topic that still exists; a topic can only move from a key no longer in use`);
    }
  }
  return topics;
}

function readEncryption(value: string | undefined, report: (message: string) => void): TopicEncryption {
  if (value === undefined || value === "none") return { kind: "none" };
  if (value === "create") return { kind: "create-key" };
  if (value === "alias/aws/sns" || /:alias\/aws\/sns$/.test(value)) {
    report(
      'the AWS managed key aws/sns cannot be used: its key policy does not let CloudWatch use it, so alarm notifications are silently dropped; use "create" or a customer-managed key',
    );
    return { kind: "none" };
  }
  const problem = ARN_RULES.kmsKey(value);
  if (problem) {
    report(`${problem}; or use "none" or "create"`);
    return { kind: "none" };
  }
  return { kind: "existing-key", keyArn: value };
}

function buildSubscription(raw: RawSubscription, report: (field: string, message: string) => void): Subscription {
  const checks: Record<SubscriptionProtocol, (endpoint: string) => string | undefined> = {
    email: checkEmail,
    "email-json": checkEmail,
    https: checkHttpsUrl,
    sqs: ARN_RULES.sqs,
    lambda: ARN_RULES.lambda,
    sms: checkPhoneNumber,
    firehose: ARN_RULES.firehose,
  };
  const problem = checks[raw.protocol]?.(raw.endpoint);
  if (problem) report("endpoint", problem);
  if (raw.protocol === "firehose") {
    if (!raw.role_arn) report("role_arn", "firehose subscriptions need role_arn (the role SNS assumes to write to the stream)");
    else {
      const roleProblem = ARN_RULES.iamRole(raw.role_arn);
      if (roleProblem) report("role_arn", roleProblem);
    }
  } else if (raw.role_arn !== undefined) {
    report("role_arn", "role_arn applies to firehose subscriptions only");
  }
  return { protocol: raw.protocol, endpoint: raw.endpoint, roleArn: raw.role_arn, key: subscriptionKey(raw.protocol, raw.endpoint) };
}

/** A readable, stable id fragment: protocol plus a slug of the endpoint, with a short hash for uniqueness. */
export function subscriptionKey(protocol: string, endpoint: string): string {
  const slug = endpoint
    .toLowerCase()
    .replace(/^https:\/\//, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40);
  return `${protocol.replace(/-/g, "_")}_${slug}_${fnv1a(`${protocol}:${endpoint}`)}`;
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0").slice(0, 6);
}
