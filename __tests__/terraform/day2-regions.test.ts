import { ALL_RULES, Case, byAddress, describeDay2, edit, everyAnalyzer, only, planned } from "../support/day2-matrix";

jest.setTimeout(600_000);

const REGION_CASES: Case[] = [
  {
    name: "add a region",
    files: edit(["regions: [eu-south-1, us-east-1]", "regions: [eu-south-1, us-east-1, us-west-2]"]),
    expect: (result) => only(result, { "acme-regions": ["create aws_accessanalyzer_analyzer.us_west_2"] }),
  },
  {
    name: "remove an opt-in region",
    files: edit(["regions: [eu-south-1, us-east-1]", "regions: [us-east-1]"]),
    expect: (result) => only(result, { "acme-regions-europe": ["delete aws_accessanalyzer_analyzer.eu_south_1"] }),
  },
  {
    name: "turn Access Analyzer off",
    files: edit(["accounts:", "  access_analyzer: { enabled: false }\naccounts:"]),
    expect: (result) => only(result, everyAnalyzer("delete")),
  },
  {
    name: "change the analyzer type to ORGANIZATION",
    files: edit(
      ["accounts:", "  access_analyzer: { type: ORGANIZATION }\naccounts:"],
      ["    region: us-east-1\n", "    region: us-east-1\n    organization_role: management\n"],
    ),
    expect: (result) => only(result, everyAnalyzer("replace")),
  },
  {
    name: "change a tag (provider default_tags: every taggable resource's tags_all)",
    files: edit(["Owner: platform-team", "Owner: security-team"]),
    expect: (result) => {
      expect(planned(result, "acme")).toEqual(
        byAddress(
          ["aws_kms_key.alerts", "aws_sns_topic.alerts", "aws_sns_topic.notices", ...ALL_RULES.map((rule) => `aws_cloudwatch_metric_alarm.${rule}`)].map(
            (address) => `update ${address}`,
          ),
        ),
      );
      for (const [stack, actions] of Object.entries(everyAnalyzer("update"))) expect(planned(result, stack)).toEqual(actions);
    },
  },
  { name: "rotate the deploy role (provider only)", files: edit(["role/deploy", "role/deploy-v2"]), expect: (result) => only(result, {}) },
];

// Day-2 cases (the harness and shared configs: __tests__/support/day2-matrix.ts): regions.
describeDay2("regions", REGION_CASES);
