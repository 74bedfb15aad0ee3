import Ajv, { ErrorObject } from "ajv";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_SCHEMA, PACK_SCHEMA } from "../../lib/config/schema";
import { validateAgainstSchema } from "../../lib/source/schema-validator";
import { YamlSource, formatPath } from "../../lib/source/yaml-source";
import { MINIMAL } from "../support/temp-config";
import { ROOT } from "../support/synth";

/**
 * The JSON Schemas are what editors read (VS Code's YAML extension, through the YAML
 * language server, which reads draft-07) and what synth applies. Here a reference
 * validator, ajv in strict mode, compiles them and judges every shipped config and pack and
 * a corpus of broken ones; the project's own validator must agree on which are valid and
 * on where each mistake is. (The project's validator also refuses what JSON Schema cannot
 * say about YAML — non-finite numbers, control characters, 8192-character strings — which
 * the corpus leaves to the hostile-input tests.)
 */
const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
// The YAML language server's keyword for a readable pattern message: an annotation to ajv.
ajv.addKeyword({ keyword: "patternErrorMessage", schemaType: "string" });
const validateConfig = ajv.compile(CONFIG_SCHEMA as object);
const validatePack = ajv.compile(PACK_SCHEMA as object);

/** Where ajv says each mistake is, in the project's path spelling; the key itself for key-level errors. */
function ajvPaths(errors: readonly ErrorObject[] | null | undefined): string[] {
  // The failing check under propertyNames repeats the key's mistake at the parent: the propertyNames error says it.
  const paths = (errors ?? [])
    .filter((error) => error.propertyName === undefined)
    .map((error) => {
      const steps: (string | number)[] = error.instancePath
        .split("/")
        .slice(1)
        .map((step) => (/^\d+$/.test(step) ? Number(step) : step.replace(/~1/g, "/").replace(/~0/g, "~")));
      if (error.keyword === "additionalProperties") steps.push((error.params as { additionalProperty: string }).additionalProperty);
      if (error.keyword === "propertyNames") steps.push((error.params as { propertyName: string }).propertyName);
      // ajv names the pair of duplicates; the project's validator points at the later one.
      if (error.keyword === "uniqueItems") steps.push(Math.max((error.params as { i: number; j: number }).i, (error.params as { i: number; j: number }).j));
      return formatPath(steps);
    });
  return [...new Set(paths)].sort();
}

function ourPaths(value: unknown, schema: typeof CONFIG_SCHEMA): string[] {
  return [...new Set(validateAgainstSchema(value, schema).map((issue) => formatPath(issue.path)))].sort();
}

const BROKEN_CONFIGS: [string, string][] = [
  ["an unknown top-level key", `colour: blue\n${MINIMAL}`],
  ["an unknown key in defaults", MINIMAL.replace("log_group:", "log_grup:")],
  ["a wrong type", MINIMAL.replace("lookup: false", "lookup: 3")],
  ["an account id as a number", MINIMAL.replace('id: "123456789012"', "id: 123456789012")],
  ["a bad enum value", MINIMAL.replace("  log_group:", "  alarm: { statistic: Average2 }\n  log_group:")],
  ["a number below its minimum", MINIMAL.replace("  log_group:", "  alarm: { period: 30 }\n  log_group:")],
  ["a name against its pattern", MINIMAL.replace("name: main", "name: Main_Account")],
  ["a missing required key", MINIMAL.replace("    region: us-east-1\n", "")],
  ["no accounts", MINIMAL.replace(/accounts:[\s\S]*$/, "accounts: []\n")],
  ["duplicate list items", MINIMAL.replace("  log_group:", "  regions: [us-east-1, us-east-1]\n  log_group:")],
  ["a bad topic key", MINIMAL.replace("    alerts:", "    Alerts:")],
  ["a bad override rule id", MINIMAL.replace("  log_group:", "  overrides:\n    Not_A_Rule: {}\n  log_group:")],
  ["a bad subscription protocol", MINIMAL.replace("protocol: email", "protocol: pigeon")],
  ["a subscription without endpoint", MINIMAL.replace(", endpoint: sec@example.com", "")],
  ["an unknown key deep inside", MINIMAL.replace("  log_group:", "  password_policy: { minimum_lenght: 20 }\n  log_group:")],
  [
    "several mistakes at once",
    MINIMAL.replace("lookup: false", "lookup: maybe").replace("name: main", "name: 1main").replace("protocol: email", "protocol: fax"),
  ],
];

describe("the config and pack schemas, held to ajv", () => {
  test("ajv compiles both in strict mode (draft-07, no unknown keywords)", () => {
    expect(CONFIG_SCHEMA.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(typeof validateConfig).toBe("function");
    expect(typeof validatePack).toBe("function");
  });

  const shipped = [
    "rules/default.yaml",
    ...readdirSync(join(ROOT, "rules", "examples"))
      .filter((name) => name.endsWith(".yaml"))
      .map((name) => `rules/examples/${name}`),
    ...readdirSync(join(ROOT, "__tests__", "fixtures", "configs")).map((name) => `__tests__/fixtures/configs/${name}`),
  ];
  test.each(shipped)("%s is valid to both", (file) => {
    const value = YamlSource.parse(file, readFileSync(join(ROOT, file), "utf8")).value;
    expect(validateConfig(value)).toBe(true);
    expect(ourPaths(value, CONFIG_SCHEMA)).toEqual([]);
  });

  test.each(readdirSync(join(ROOT, "rules", "packs")))("rules/packs/%s is valid to both", (file) => {
    const value = YamlSource.parse(file, readFileSync(join(ROOT, "rules", "packs", file), "utf8")).value;
    expect(validatePack(value)).toBe(true);
    expect(ourPaths(value, PACK_SCHEMA)).toEqual([]);
  });

  test.each(BROKEN_CONFIGS)("%s: both refuse it, at the same places", (_, text) => {
    const value = YamlSource.parse("config.yaml", text).value;
    expect(validateConfig(value)).toBe(false);
    expect(ourPaths(value, CONFIG_SCHEMA)).toEqual(ajvPaths(validateConfig.errors));
  });

  test.each([
    ["a rule without a pattern", "pack: p\nrules:\n  - { id: a, title: t, severity: low, description: d, metric_name: M }\n"],
    ["a bad severity", "pack: p\nrules:\n  - { id: a, title: t, severity: urgent, description: d, metric_name: M, pattern: x }\n"],
    ["an unknown rule key", "pack: p\nrules:\n  - { id: a, title: t, severity: low, description: d, metric_name: M, pattern: x, colour: red }\n"],
    ["a bad pack name", "pack: P!\nrules:\n  - { id: a, title: t, severity: low, description: d, metric_name: M, pattern: x }\n"],
  ])("pack with %s: both refuse it, at the same places", (_, text) => {
    const value = YamlSource.parse("pack.yaml", text).value;
    expect(validatePack(value)).toBe(false);
    expect(ourPaths(value, PACK_SCHEMA)).toEqual(ajvPaths(validatePack.errors));
  });
});
