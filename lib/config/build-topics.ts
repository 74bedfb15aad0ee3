import { AccountSettings } from "./account-settings";
import { CHAT_WEBHOOK_HOSTS, LIMITS, partitionOf } from "../model/aws-facts";
import { DERIVED_DEFAULTS } from "./defaults";
import { ARN_RULES, checkEmail, checkHttpsUrl, checkPhoneNumber, checkRoleName, checkSingleLine } from "./formats";
import { ChatbotChannel, SEVERITIES, Severity, Subscription, SubscriptionProtocol, Topic, TopicEncryption } from "../model/model";
import { ProblemList, formatProblem } from "../source/problems";
import { placeholderReason } from "./placeholder-endpoints";

interface RawSubscription {
  protocol: SubscriptionProtocol;
  endpoint: string;
  role_arn?: string;
}

/**
 * Builds the account's topics, sorted by key, checking names, encryption and every endpoint;
 * `warn` gets a located warning for each endpoint that is a placeholder.
 */
export function buildTopics(settings: AccountSettings, homeRegion: string, problems: ProblemList, warn: (warning: string) => void): Topic[] {
  const topics: Topic[] = [];
  const claimedBy = new Map<Severity, string>();
  for (const key of settings.keys(["topics"]).sort()) {
    // `topics: { <key>: null }` in an account removes a topic it would inherit from defaults.
    if (settings.get(["topics", key]) === null) continue;
    const path = ["topics", key];
    const get = <T>(field: string) => settings.get<T>([...path, field]);
    const value = <T>(field: string) => settings.value<T>([...path, field]);
    const report = (field: string | (string | number)[], message: string) => {
      const at = settings.where([...path, ...(Array.isArray(field) ? field : [field])]);
      problems.add(at, at.field, message);
    };

    const name = value<string>("name");
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
      buildSubscription(
        raw,
        (field, message) => report(["subscriptions", index, field], message),
        (message) => {
          const at = settings.where([...path, "subscriptions", index, "endpoint"]);
          warn(formatProblem({ location: at, field: at.field, message }));
        },
      ),
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
      okActions: value<boolean>("ok_actions"),
      encryption: readEncryption(value<string>("kms"), (message) => report("kms", message)),
      subscriptions: [...subscriptions].sort((a, b) => a.key.localeCompare(b.key)),
      movedFrom: get<string>("moved_from"),
      chatbot: readChatbot(
        get<Record<string, unknown>>("chatbot"),
        (field) => settings.value([...path, "chatbot", field]),
        name,
        (field, message) => report(["chatbot", ...field], message),
      ),
    });
  }
  checkChatbotChannels(topics, homeRegion, (key, field, message) => {
    const at = settings.where(["topics", key, "chatbot", field]);
    problems.add(at, at.field, message);
  });
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

/**
 * The stack has one Chatbot provider (its configurations are global; the region only picks
 * an API endpoint), so an account's channels share a region. Chatbot is not offered in the
 * China and GovCloud partitions. One Teams channel per team (see below).
 */
function checkChatbotChannels(topics: readonly Topic[], homeRegion: string, report: (topicKey: string, field: string, message: string) => void): void {
  const withChatbot = topics.filter((topic) => topic.chatbot);
  if (withChatbot.length === 0) return;
  if (partitionOf(homeRegion) !== "aws") {
    for (const topic of withChatbot)
      report(topic.key, "region", `AWS Chatbot is not available in the ${partitionOf(homeRegion)} partition (home region ${homeRegion})`);
    return;
  }
  const first = withChatbot[0];
  for (const topic of withChatbot.slice(1)) {
    if (topic.chatbot!.region !== first.chatbot!.region) {
      report(
        topic.key,
        "region",
        `chatbot region ${topic.chatbot!.region} differs from ${first.chatbot!.region} (topic ${first.key}); an account's Chatbot channels share one region`,
      );
    }
  }
  // hashicorp/aws reads a Teams configuration back by its team id alone: two in one team could not be told apart.
  const teamsOwner = new Map<string, string>();
  for (const topic of withChatbot) {
    if (topic.chatbot!.kind !== "teams") continue;
    const owner = teamsOwner.get(topic.chatbot!.teamId);
    if (owner) {
      report(
        topic.key,
        "teams",
        `topic ${owner} already posts to Teams team ${topic.chatbot!.teamId}; the aws provider finds Teams channel configurations by team id, so an account can have one per team (send both topics' alarms to one topic, or use another team)`,
      );
    } else teamsOwner.set(topic.chatbot!.teamId, topic.key);
  }
}

/** A topic's Chatbot channel: exactly one of slack and teams; the region defaults to home when Chatbot answers there (accountDefault). */
function readChatbot(
  raw: Record<string, unknown> | undefined,
  value: (field: string) => unknown,
  topicName: string,
  report: (field: string[], message: string) => void,
): ChatbotChannel | undefined {
  if (raw === undefined) return undefined;
  const name = DERIVED_DEFAULTS.chatbotName(topicName);
  const nameProblem = checkRoleName(name);
  if (nameProblem) report([], `the Chatbot channel's role is named after the topic: ${nameProblem}; shorten the topic name`);
  const region = value("region") as string;
  const loggingLevel = value("logging_level") as ChatbotChannel["loggingLevel"];
  const slack = raw.slack as { team_id: string; channel_id: string } | undefined;
  const teams = raw.teams as { tenant_id: string; team_id: string; channel_id: string } | undefined;
  if ((slack === undefined) === (teams === undefined)) {
    report([], "set exactly one of slack and teams");
    return undefined;
  }
  if (slack) return { kind: "slack", name, teamId: slack.team_id, channelId: slack.channel_id, region, loggingLevel };
  return { kind: "teams", name, tenantId: teams!.tenant_id, teamId: teams!.team_id, channelId: teams!.channel_id, region, loggingLevel };
}

function buildSubscription(raw: RawSubscription, report: (field: string, message: string) => void, warnEndpoint: (message: string) => void): Subscription {
  const checks: Record<SubscriptionProtocol, (endpoint: string) => string | undefined> = {
    email: checkEmail,
    "email-json": checkEmail,
    https: checkHttpsUrl,
    sqs: ARN_RULES.sqs,
    lambda: ARN_RULES.lambda,
    sms: checkPhoneNumber,
    firehose: ARN_RULES.firehose,
  };
  const problem = checks[raw.protocol]?.(raw.endpoint) ?? (raw.protocol === "https" ? chatWebhookProblem(raw.endpoint) : undefined);
  if (problem) report("endpoint", problem);
  const placeholder = problem ? undefined : placeholderReason(raw.protocol, raw.endpoint);
  if (placeholder) {
    warnEndpoint(
      `${raw.endpoint} is a placeholder (${placeholder}): SNS waits for a confirmation nobody can give, so no alarm would reach anyone, and CIS and Security Hub ask for a confirmed subscription; replace it before deploying`,
    );
  }
  if (raw.protocol === "firehose") {
    if (!raw.role_arn) report("role_arn", "firehose subscriptions need role_arn (the role SNS assumes to write to the stream)");
    else {
      const roleProblem = ARN_RULES.iamRole(raw.role_arn);
      if (roleProblem) report("role_arn", roleProblem);
    }
  } else if (raw.role_arn !== undefined) {
    report("role_arn", "role_arn applies to firehose subscriptions only");
  }
  const key = subscriptionKey(raw.protocol, raw.endpoint);
  const legacy = legacySubscriptionKey(raw.protocol, raw.endpoint);
  return { protocol: raw.protocol, endpoint: raw.endpoint, roleArn: raw.role_arn, key, legacyKey: legacy === key ? undefined : legacy };
}

/**
 * Chat webhooks never confirm an SNS subscription (SNS asks every https endpoint to visit a
 * SubscribeURL first), so alarms would never arrive; AWS Chatbot is the way to Slack and Teams.
 */
function chatWebhookProblem(endpoint: string): string | undefined {
  let host: string;
  try {
    // A fully qualified name (hooks.slack.com.) is the same host: DNS ignores the trailing dot.
    host = new URL(endpoint).hostname.toLowerCase().replace(/\.+$/, "");
  } catch {
    return undefined;
  }
  if (!CHAT_WEBHOOK_HOSTS.some((pattern) => pattern.test(host))) return undefined;
  return `${host} is a chat webhook: SNS sends every https subscription a confirmation link that a webhook never visits, so no alarm would arrive (and the URL's secret would sit in the Terraform); post to Slack or Teams with the topic's chatbot setting instead`;
}

/**
 * A readable, stable id fragment: protocol plus a slug of the endpoint, with a short hash for
 * uniqueness. An https endpoint contributes only its host: paths often hold secrets (an
 * integration key), and resource addresses are printed everywhere.
 */
export function subscriptionKey(protocol: string, endpoint: string): string {
  if (protocol === "https") {
    let host = "endpoint";
    try {
      host = new URL(endpoint).hostname;
    } catch {
      // reported by the endpoint check
    }
    return `https_${slug(host)}_${fnv1a(`${protocol}:${endpoint}`)}`;
  }
  return legacySubscriptionKey(protocol, endpoint);
}

/** The fragment version 0.1 used for every protocol (for https it took 40 characters of the URL, path included). */
function legacySubscriptionKey(protocol: string, endpoint: string): string {
  return `${protocol.replace(/-/g, "_")}_${slug(endpoint.replace(/^https:\/\//i, ""))}_${fnv1a(`${protocol}:${endpoint}`)}`;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40);
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0").slice(0, 6);
}
