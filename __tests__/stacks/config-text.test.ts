import { loadFrom } from "../support/temp-config";
import { synthAccount, synthRegional } from "../support/synth";
import { InvalidInputError } from "../../lib/source/problems";
import { HOSTILE_TEXT, richConfig, stringFieldPaths, unescapedTemplates, withValue } from "../support/hostile-strings";

/**
 * Every string the config schema accepts, set to Terraform template syntax one at a time:
 * either the config is refused (a located problem) or the synthesized stacks hold it
 * escaped, never as a template or directive. The plan in __tests__/terraform/plan.test.ts
 * proves terraform then reads the accepted ones as plain text.
 */
describe("config text never becomes Terraform code", () => {
  const base = richConfig();
  test("the rich config itself is valid and synthesizes without templates of its own", () => {
    const { model } = loadFrom(JSON.stringify(base));
    expect(unescapedTemplates(synthAccount(model.accounts[0], model))).toEqual([]);
  });

  const paths = stringFieldPaths();
  test("the schema walk finds the string fields (a schema change that hides them fails here)", () => {
    expect(paths.length).toBeGreaterThan(60);
    expect(paths.map((path) => path.join("."))).toEqual(
      expect.arrayContaining(["defaults.topics.alerts.chatbot.teams.channel_id", "backend.s3.dynamodb_table"]),
    );
  });

  test.each(paths.map((path) => [path.join("."), path] as const))("%s", (_, path) => {
    let loaded;
    try {
      loaded = loadFrom(JSON.stringify(withValue(base, path, HOSTILE_TEXT)));
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      expect(error.problems.length).toBeGreaterThan(0);
      return;
    }
    const { model } = loaded;
    for (const account of model.accounts) {
      expect(unescapedTemplates(synthAccount(account, model))).toEqual([]);
      expect(unescapedTemplates(synthRegional(account, model))).toEqual([]);
    }
  });
});
