/**
 * Terraform resource names derived from the model (rule ids, topic keys, regions), never
 * from where a construct sits in the tree: refactoring the code cannot rename real
 * resources, and adding or removing a rule touches only that rule's resources. Every name
 * the constructs give is made here, so the loader can prove before synth that no two
 * config names meet in one address (`x-y` and `x_y` both become `x_y`), and that every
 * `moved_from` is a move terraform accepts.
 */
export function logicalId(...parts: string[]): string {
  const key = parts.join("_");
  let id = logicalIds.get(key);
  if (id === undefined) {
    const joined = key
      .replace(/[^A-Za-z0-9_]+/g, "_")
      .replace(/_+/g, "_")
      .replace(/^_|_$/g, "");
    id = /^[A-Za-z_]/.test(joined) ? joined : `r_${joined}`;
    // An organization asks for the same few names for every account.
    if (logicalIds.size < 100_000) logicalIds.set(key, id);
  }
  return id;
}

const logicalIds = new Map<string, string>();

/** The names of one rule's resources (filters and alarms are separate resource types). */
export const RULE_ADDRESSES = {
  /** The rule's own filter and alarm. */
  rule: (ruleId: string) => logicalId(ruleId),
  /** A compliance scanner's extra filter on the rule's metric. */
  variant: (ruleId: string, variantKey: string) => logicalId(ruleId, variantKey),
  /** The per-account filter (organization_trail.per_account_alarms). */
  perAccountFilter: (ruleId: string) => logicalId(ruleId, "by_account"),
  /** One source account's alarm. */
  perAccountAlarm: (ruleId: string, accountName: string) => logicalId(ruleId, "in", accountName),
} as const;

/** The names of one topic's resources: topic, policy, key, alias and Chatbot configuration share one; the Chatbot role another. */
export const TOPIC_ADDRESSES = {
  topic: (topicKey: string) => logicalId(topicKey),
  subscription: (topicKey: string, subscriptionKey: string) => logicalId(topicKey, subscriptionKey),
  chatbotRole: (topicKey: string) => logicalId(topicKey, "chatbot"),
} as const;

/** One name a config value claims, with the words that say which value it is. */
export interface AddressClaim<Where> {
  /** Resource kind and name, e.g. "filter root_account_usage". */
  readonly address: string;
  readonly owner: string;
  readonly where: Where;
}

/** The claims after the first on each address: each is a collision to report at its own place. */
export function collisions<Where>(claims: readonly AddressClaim<Where>[]): { claim: AddressClaim<Where>; first: AddressClaim<Where> }[] {
  const first = new Map<string, AddressClaim<Where>>();
  const out: { claim: AddressClaim<Where>; first: AddressClaim<Where> }[] = [];
  for (const claim of claims) {
    const earlier = first.get(claim.address);
    if (earlier) {
      if (earlier.owner !== claim.owner) out.push({ claim, first: earlier });
    } else first.set(claim.address, claim);
  }
  return out;
}
