import { actionsOf, change } from "../support/day2";
import { ORGANIZATION_BASE, ORGANIZATION_CASES, PAGERDUTY, describeDay2 } from "../support/day2-matrix";

jest.setTimeout(600_000);

// The day-2 matrix (see __tests__/support/day2-matrix.ts): an organization trail, Chatbot, subscriptions.
describeDay2(
  "organization",
  ORGANIZATION_CASES,
  (deployed) => {
    test("upgrading from 0.1: an https subscription's address held its path; a moved block keeps the subscription", () => {
      const state = JSON.parse(deployed.state("member")!);
      const current = `notices_${PAGERDUTY}`;
      const legacy = `notices_https_events_pagerduty_example_com_integration_${PAGERDUTY.slice(-6)}`;
      const subscription = state.resources.find(
        (resource: { type: string; name: string }) => resource.type === "aws_sns_topic_subscription" && resource.name === current,
      );
      subscription.name = legacy;
      const result = change(deployed, ORGANIZATION_BASE, { state: (stack) => (stack === "member" ? JSON.stringify(state) : undefined) });
      const moved = [`no-op aws_sns_topic_subscription.${current} (from aws_sns_topic_subscription.${legacy})`];
      expect(actionsOf(result.planned.get("member"))).toEqual(moved);
    });
  },
  ORGANIZATION_BASE,
);
