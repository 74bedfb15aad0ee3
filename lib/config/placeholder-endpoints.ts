import { SubscriptionProtocol } from "../model/model";

/**
 * Subscription endpoints that can never be anyone's: names and numbers set aside for
 * documentation. The shipped configs subscribe security-team@example.com so that they
 * synthesize and plan as they are; deployed that way, the subscription is never confirmed
 * (SNS waits for a click in a mailbox nobody has), no alarm reaches anyone, and CIS' audit
 * of these controls and Security Hub's CloudWatch checks both ask for a confirmed subscriber.
 *
 * - Domains: example.com, example.net, example.org and their subdomains, and the top-level
 *   names .example, .test, .invalid, .localhost (RFC 2606, RFC 6761).
 * - Phone numbers: +1 NXX 555-0100 to 555-0199, the North American numbers reserved for
 *   fiction (NANPA).
 */
const RESERVED_DOMAINS = ["example.com", "example.net", "example.org"];
const RESERVED_TOP_LEVEL = ["example", "test", "invalid", "localhost"];
const FICTIONAL_PHONE = /^\+1[2-9][0-9]{2}55501[0-9]{2}$/;

/** Why `endpoint` is a placeholder, or undefined when it may be real. Expects an endpoint its protocol's check accepted. */
export function placeholderReason(protocol: SubscriptionProtocol, endpoint: string): string | undefined {
  if (protocol === "sms") return FICTIONAL_PHONE.test(endpoint) ? "555-0100 to 555-0199 are numbers reserved for fiction" : undefined;
  const host = hostOf(protocol, endpoint);
  if (host === undefined) return undefined;
  const reserved = RESERVED_DOMAINS.find((domain) => host === domain || host.endsWith(`.${domain}`));
  if (reserved) return `${reserved} is reserved for documentation (RFC 2606)`;
  const topLevel = host.split(".").pop()!;
  if (RESERVED_TOP_LEVEL.includes(topLevel)) return `.${topLevel} is a reserved top-level name (RFC 2606, RFC 6761)`;
  return undefined;
}

/** The domain an e-mail or https endpoint goes to, lower case, without a trailing dot. */
function hostOf(protocol: SubscriptionProtocol, endpoint: string): string | undefined {
  if (protocol === "email" || protocol === "email-json") return endpoint.slice(endpoint.lastIndexOf("@") + 1).toLowerCase();
  if (protocol !== "https") return undefined;
  try {
    return new URL(endpoint).hostname.toLowerCase().replace(/\.+$/, "");
  } catch {
    return undefined;
  }
}
