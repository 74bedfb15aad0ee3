import { accountDefault, documentDefault, DEFAULTS } from "../../lib/config/defaults";
import { CONFIG_SCHEMA } from "../../lib/config/schema";
import { AccountSettings } from "../../lib/config/account-settings";
import { YamlSource } from "../../lib/source/yaml-source";
import { isPlainObject } from "../../lib/source/plain-data";
import { CHATBOT_REGIONS } from "../../lib/model/aws-facts";

/**
 * Defaults live in one place: every `default:` the schema states (what editors and the
 * configuration reference show) is what accountDefault / documentDefault give builders, and
 * every value of DEFAULTS is reachable through them (the alarm's through layerAlarm).
 */
type Schema = { $ref?: string; properties?: Record<string, Schema>; additionalProperties?: Schema | boolean; default?: unknown; items?: Schema };
const definitions = (CONFIG_SCHEMA as unknown as { definitions: Record<string, Schema> }).definitions;
const deref = (schema: Schema): Schema => (schema.$ref ? deref(definitions[schema.$ref.replace("#/definitions/", "")]) : schema);

/** [path, default] for every property with a default under `schema`; a map's entries are `*`. */
function statedDefaults(schema: Schema, path: string[] = [], seen = new Set<Schema>()): [string[], unknown][] {
  const node = deref(schema);
  if (seen.has(node)) return [];
  const found: [string[], unknown][] = node.default !== undefined && path.length ? [[path, node.default]] : [];
  for (const [key, child] of Object.entries(node.properties ?? {})) found.push(...statedDefaults(child, [...path, key], new Set([...seen, node])));
  if (isPlainObject(node.additionalProperties)) found.push(...statedDefaults(node.additionalProperties as Schema, [...path, "*"], new Set([...seen, node])));
  return found;
}

const source = YamlSource.parse("config.yaml", "accounts:\n  - { name: main, id: '123456789012', region: eu-west-1 }\n");
const account = new AccountSettings(source, 0);
const at = (path: string[]) => path.map((step) => (step === "*" ? "key" : step));

describe("defaults", () => {
  const accountPaths = statedDefaults(definitions.account).filter(([path]) => !path.includes("alarm"));
  const documentPaths = [
    ...statedDefaults((CONFIG_SCHEMA as unknown as { properties: Record<string, Schema> }).properties.organization_trail, ["organization_trail"]),
    ...statedDefaults((CONFIG_SCHEMA as unknown as { properties: Record<string, Schema> }).properties.backend, ["backend"]),
  ];

  test("the schema states defaults for an account's settings and the config-wide ones", () => {
    expect(accountPaths.length).toBeGreaterThan(30);
    expect(documentPaths.map(([path]) => path.join("."))).toEqual(expect.arrayContaining(["organization_trail.control_tower", "backend.s3.encrypt"]));
  });

  test.each(accountPaths.map(([path, value]) => [path.join("."), path, value] as const))(
    "%s: the schema's default is the one builders get",
    (_, path, value) => {
      expect(account.value(at(path))).toEqual(value);
    },
  );

  test.each(documentPaths.map(([path, value]) => [path.join("."), path, value] as const))(
    "%s: the schema's default is the one builders get",
    (_, path, value) => {
      expect(documentDefault(path)).toEqual(value);
    },
  );

  test("defaults computed from other settings follow them", () => {
    const custom = new AccountSettings(
      YamlSource.parse("config.yaml", "defaults:\n  name_prefix: acme-\naccounts:\n  - { name: main, region: cn-north-1 }\n"),
      0,
    );
    expect(custom.value(["topics", "pager", "name"])).toBe("acme-pager");
    expect(custom.value(["overrides", "root-account-usage", "alarm_name"])).toBe("acme-root-account-usage");
    expect(custom.value(["access_analyzer", "name"])).toBe("acme-access-analyzer");
    expect(custom.value(["cloudtrail", "bucket_name"])).toBe("acme-cloudtrail-unknown");
    expect(custom.value(["dashboard", "name"])).toBe("acme-baseline");
    expect(custom.value(["regions"])).toEqual(["cn-north-1", "cn-northwest-1"]);
    expect(custom.value(["topics", "pager", "chatbot", "region"])).toBe(CHATBOT_REGIONS[0]);
    expect(account.value(["topics", "pager", "chatbot", "region"])).toBe("eu-west-1");
  });

  test("a setting without a default is an error, not an undefined in a resource", () => {
    expect(() => account.value(["log_group", "kms_key_arn"])).toThrow("log_group.kms_key_arn has no built-in default");
    expect(() => account.value(["alarm", "period"])).toThrow(/no built-in default/);
    expect(accountDefault(["topic", "kms"], account)).toBeUndefined();
  });

  test("every value of DEFAULTS is reachable by a setting's path (the alarm's, an override's alarm's, through layerAlarm)", () => {
    // A leaf is reached when a setting with the same key gets the same value from the resolver.
    const reached = new Set(
      [
        ...accountPaths.map(([path]) => [path, accountDefault(at(path), account)] as const),
        ...documentPaths.map(([path]) => [path, documentDefault(path)] as const),
        [["pack", "evidence"], documentDefault(["pack", "evidence"])] as const,
      ].map(([path, value]) => `${path[path.length - 1]}=${JSON.stringify(value)}`),
    );
    const leaves = (value: unknown, path: string[]): [string, unknown][] =>
      isPlainObject(value) ? Object.entries(value).flatMap(([key, child]) => leaves(child, [...path, key])) : [[path.join("."), value]];
    const unreached = leaves(DEFAULTS, [])
      .filter(([path]) => !path.startsWith("alarm."))
      .filter(([path, value]) => !reached.has(`${path.split(".").pop()}=${JSON.stringify(value)}`));
    expect(unreached).toEqual([]);
  });
});
