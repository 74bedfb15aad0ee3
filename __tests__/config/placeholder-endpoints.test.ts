import { placeholderReason } from "../../lib/config/placeholder-endpoints";
import { MINIMAL, loadFrom } from "../support/temp-config";

describe("placeholder subscription endpoints", () => {
  test.each([
    ["email", "security-team@example.com", "example.com is reserved for documentation (RFC 2606)"],
    ["email", "Security@EXAMPLE.ORG", "example.org is reserved for documentation (RFC 2606)"],
    ["email-json", "soc@eu.example.net", "example.net is reserved for documentation (RFC 2606)"],
    ["email", "soc@corp.test", ".test is a reserved top-level name (RFC 2606, RFC 6761)"],
    ["https", "https://events.pagerduty.example.com/integration/cis/enqueue", "example.com is reserved for documentation (RFC 2606)"],
    ["https", "https://hooks.example.com./x", "example.com is reserved for documentation (RFC 2606)"],
    ["https", "https://alerts.invalid/hook", ".invalid is a reserved top-level name (RFC 2606, RFC 6761)"],
    ["sms", "+14155550100", "555-0100 to 555-0199 are numbers reserved for fiction"],
  ] as const)("%s %s is a placeholder: %s", (protocol, endpoint, reason) => {
    expect(placeholderReason(protocol, endpoint)).toBe(reason);
  });

  test.each([
    ["email", "security@examples.com"],
    ["email", "example.com@acme.io"],
    ["https", "https://events.pagerduty.com/integration/abc/enqueue"],
    ["https", "https://notexample.com/hook"],
    ["sms", "+14155551234"],
    ["sms", "+445550100123"],
    ["sqs", "arn:aws:sqs:us-east-1:123456789012:example-com"],
  ] as const)("%s %s may be real", (protocol, endpoint) => {
    expect(placeholderReason(protocol, endpoint)).toBeUndefined();
  });

  test("synth warns at the endpoint's line, once for a default every account inherits, and not for a real address", () => {
    const config = `${MINIMAL}  - name: second\n    id: "222222222222"\n    region: us-east-1\n    topics:\n      own:\n        severities: []\n        subscriptions: [{ protocol: email, endpoint: soc@acme.io }]\n`;
    const placeholders = loadFrom(config).model.warnings.filter((warning) => warning.includes("placeholder"));
    expect(placeholders).toHaveLength(1);
    expect(placeholders[0]).toMatch(
      /config\.yaml:7:\d+: defaults\.topics\.alerts\.subscriptions\[0\]\.endpoint: sec@example\.com is a placeholder \(example\.com is reserved for documentation \(RFC 2606\)\): SNS waits for a confirmation nobody can give, so no alarm would reach anyone, and CIS and Security Hub ask for a confirmed subscription; replace it before deploying$/,
    );
  });
});
