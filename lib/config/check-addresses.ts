import { AccountSettings } from "./account-settings";
import { AddressClaim, RULE_ADDRESSES, TOPIC_ADDRESSES, collisions } from "./addresses";
import { DeployedRule, SourceRef, Topic } from "../model/model";

type Report = (where: SourceRef, message: string) => void;

/**
 * Proves, before synth, that the resource names an account's config asks for are distinct
 * (two names that meet in one address would be merged by cdktf into one resource: an
 * alarm that can never fire, the other lost), and that every `moved_from` is a move
 * terraform accepts: its old address is not in use ("Moved object still exists") and no
 * two moves start from one address ("Ambiguous move statements").
 */
export function checkAddresses(rules: readonly DeployedRule[], topics: readonly Topic[], settings: AccountSettings, report: Report): void {
  const claims = addressClaims(rules, topics, settings);
  for (const { claim, first } of collisions(claims)) {
    report(claim.where(), `${claim.owner} would be the Terraform resource ${claim.address}, which is already ${first.owner}; rename one of them`);
  }
  checkMoves(rules, topics, settings, new Set(claims.map((claim) => claim.address)), report);
}

/** Each claim says where it is written only when asked: locating is the costly part, and only a collision needs it. */
function addressClaims(rules: readonly DeployedRule[], topics: readonly Topic[], settings: AccountSettings): AddressClaim<() => SourceRef>[] {
  const claims: AddressClaim<() => SourceRef>[] = [];
  // Derived names first: a rule whose own name meets one is the one to rename, and is reported at its id.
  for (const rule of rules) {
    for (const variant of rule.variants) {
      claims.push({
        address: `aws_cloudwatch_log_metric_filter.${RULE_ADDRESSES.variant(rule.id, variant.key)}`,
        owner: `the ${variant.key} filter of rule ${rule.id}`,
        where: () => settings.where(["compliance", "scanners"]),
      });
    }
    if (!rule.perAccount) continue;
    claims.push({
      address: `aws_cloudwatch_log_metric_filter.${RULE_ADDRESSES.perAccountFilter(rule.id)}`,
      owner: `the per-account filter of rule ${rule.id}`,
      where: () => rule.definition.source,
    });
    for (const alarm of rule.perAccount.alarms) {
      claims.push({
        address: `aws_cloudwatch_metric_alarm.${RULE_ADDRESSES.perAccountAlarm(rule.id, alarm.account.name)}`,
        owner: `the per-account alarm of rule ${rule.id} for account ${alarm.account.name}`,
        where: () => rule.definition.source,
      });
    }
  }
  for (const rule of rules) {
    for (const type of ["aws_cloudwatch_log_metric_filter", "aws_cloudwatch_metric_alarm"]) {
      claims.push({ address: `${type}.${RULE_ADDRESSES.rule(rule.id)}`, owner: `rule ${rule.id}`, where: () => rule.definition.source });
    }
  }
  for (const topic of topics) {
    const where = () => settings.where(["topics", topic.key]);
    claims.push({ address: `aws_sns_topic.${TOPIC_ADDRESSES.topic(topic.key)}`, owner: `topic ${topic.key}`, where });
    for (const subscription of topic.subscriptions) {
      claims.push({
        address: `aws_sns_topic_subscription.${TOPIC_ADDRESSES.subscription(topic.key, subscription.key)}`,
        owner: `topic ${topic.key}'s subscription ${subscription.protocol} ${subscription.endpoint}`,
        where,
      });
    }
  }
  return claims;
}

function checkMoves(rules: readonly DeployedRule[], topics: readonly Topic[], settings: AccountSettings, inUse: ReadonlySet<string>, report: Report): void {
  const starts = new Map<string, string>();
  const move = (from: string, mover: string, where: SourceRef) => {
    if (inUse.has(from)) {
      report(
        where,
        `moved_from would move ${from}, which this config still declares (terraform refuses: "Moved object still exists"); a move starts from a name no longer in use`,
      );
      return;
    }
    const earlier = starts.get(from);
    if (earlier !== undefined && earlier !== mover) {
      report(where, `${mover} and ${earlier} both move from ${from} (terraform refuses: "Ambiguous move statements"); only one can take it over`);
    } else starts.set(from, mover);
  };
  // A move from an id still in use is reported where the rule or topic is built, in those words.
  const ruleIds = new Set(rules.map((rule) => rule.id));
  const topicKeys = new Set(topics.map((topic) => topic.key));
  for (const rule of rules) {
    if (rule.movedFrom === undefined || ruleIds.has(rule.movedFrom) || RULE_ADDRESSES.rule(rule.movedFrom) === RULE_ADDRESSES.rule(rule.id)) continue;
    const where = settings.where(["overrides", rule.id, "moved_from"]);
    move(`aws_cloudwatch_metric_alarm.${RULE_ADDRESSES.rule(rule.movedFrom)}`, `rule ${rule.id}`, where);
    for (const variant of rule.variants) {
      const from = `aws_cloudwatch_log_metric_filter.${RULE_ADDRESSES.variant(rule.movedFrom, variant.key)}`;
      if (inUse.has(from)) move(from, `rule ${rule.id}`, where);
    }
  }
  for (const topic of topics) {
    if (topic.movedFrom === undefined || topicKeys.has(topic.movedFrom) || TOPIC_ADDRESSES.topic(topic.movedFrom) === TOPIC_ADDRESSES.topic(topic.key))
      continue;
    move(`aws_sns_topic.${TOPIC_ADDRESSES.topic(topic.movedFrom)}`, `topic ${topic.key}`, settings.where(["topics", topic.key, "moved_from"]));
  }
}
