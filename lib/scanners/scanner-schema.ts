import { JsonSchema } from "../source/schema-validator";

/** The shape of rules/scanners/*.yaml: one scanner's conditions per control (a rule id). */
export const SCANNER_SCHEMA: JsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "cdktf-aws-cis-baseline scanner conditions",
  type: "object",
  additionalProperties: false,
  required: ["scanner", "title", "source", "requires", "controls"],
  properties: {
    scanner: { enum: ["security-hub", "prowler", "steampipe", "cloudsploit", "trivy"] },
    title: { type: "string", minLength: 1 },
    source: {
      type: "object",
      additionalProperties: false,
      description: "Where the conditions were read: a repository at a commit, or a document.",
      properties: {
        repository: { type: "string" },
        commit: { type: "string", pattern: "^[0-9a-f]{40}$", patternErrorMessage: "must be a full commit id" },
        files: { type: "array", items: { type: "string" } },
        tests: { type: "string" },
        document: { type: "string" },
      },
    },
    requires: {
      type: "object",
      additionalProperties: false,
      properties: { alarm: { type: "string" }, topic_subscription: { type: "boolean" } },
    },
    controls: { type: "object", additionalProperties: { $ref: "#/definitions/control" } },
  },
  definitions: {
    control: {
      type: "object",
      additionalProperties: false,
      required: ["check"],
      properties: {
        check: { type: "string", minLength: 1, description: "The scanner's own id for the check." },
        file: { type: "string" },
        query: { type: "string" },
        name: { type: "string" },
        pattern: { type: "string", minLength: 1 },
        patterns: { type: "array", minItems: 1, items: { type: "string", minLength: 1 } },
        regex: { type: "string", minLength: 1 },
        event_source: { type: "string", minLength: 1 },
        event_names: { type: "array", minItems: 1, items: { type: "string", pattern: "^[A-Za-z0-9]+$" } },
        clauses: {
          type: "array",
          description: "[field, operator (= or !=), value]",
          items: { type: "array", minItems: 3, maxItems: 3, items: { type: "string" } },
        },
        remedy: {
          type: "object",
          additionalProperties: false,
          required: ["pattern", "relation"],
          description: "A filter pattern that passes this check where the rule's own does not, and how its events relate to the rule's.",
          properties: {
            pattern: { type: "string", minLength: 1 },
            relation: { enum: ["equal", "subset", "superset"] },
            widens: { type: "boolean", description: "superset only: the filter counts, so the alarm fires for the extra events too." },
            why: { type: "string" },
          },
        },
        impossible: { type: "string", minLength: 1, description: "Why no deployable filter can pass this check." },
        own_spelling: {
          type: "object",
          additionalProperties: false,
          required: ["replace", "with", "why"],
          description:
            "Trivy: when another filter must also carry the scanner's string, the rule's own pattern with this text replaced (the same events), so that exactly one filter carries it.",
          properties: {
            replace: { type: "string", minLength: 1 },
            with: { type: "string", minLength: 1 },
            why: { type: "string", minLength: 1 },
          },
        },
      },
    },
  },
};
