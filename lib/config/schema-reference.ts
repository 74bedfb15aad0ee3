import { JsonSchema } from "../source/schema-validator";

/**
 * The configuration reference in docs/configuration.md, rendered from the JSON Schema itself: every
 * key with what it means and its default, so the reference, the editor's hover text and what
 * synth does cannot drift apart (`npm run generate` rewrites it; a test checks it is fresh).
 */
export function renderConfigReference(schema: JsonSchema): string {
  const rows: string[] = [];
  const definitions = schema.definitions ?? {};
  const resolve = (node: JsonSchema): JsonSchema => (node.$ref ? definitions[node.$ref.replace("#/definitions/", "")] : node);
  const walk = (node: JsonSchema, prefix: string, depth: number) => {
    const target = resolve(node);
    for (const [key, child] of Object.entries(target.properties ?? {})) {
      const resolved = resolve(child);
      const name = `${prefix}${key}`;
      rows.push(`| \`${name}\` | ${describe(resolved)} | ${defaultOf(resolved)} |`);
      if (depth < 3 && resolved.properties) walk(resolved, `${name}.`, depth + 1);
      const entries = typeof resolved.additionalProperties === "object" ? resolve(resolved.additionalProperties) : undefined;
      if (depth < 3 && entries?.properties) walk(entries, `${name}.<${key === "topics" ? "key" : key === "overrides" ? "rule id" : "name"}>.`, depth + 1);
      const items = resolved.items ? resolve(resolved.items) : undefined;
      if (depth < 3 && items?.properties && key !== "accounts") walk(items, `${name}[].`, depth + 1);
    }
  };
  const account = resolve(schema.properties!.accounts.items!);
  const settings = resolve(schema.properties!.defaults);
  rows.push("| **top level** | | |");
  for (const key of ["rule_packs", "backend"]) {
    const child = resolve(schema.properties![key]);
    rows.push(`| \`${key}\` | ${describe(child)} | ${defaultOf(child)} |`);
    if (child.properties) walk(child, `${key}.`, 1);
  }
  rows.push("| **an account** (`accounts[]`: these, and any setting) | | |");
  for (const key of Object.keys(account.properties ?? {}).filter((name) => !(name in (settings.properties ?? {})))) {
    const child = resolve(account.properties![key]);
    rows.push(`| \`${key}\` | ${describe(child)} | ${defaultOf(child)} |`);
  }
  rows.push("| **settings** (in `defaults`, or in an account, which wins key by key) | | |");
  walk(settings, "", 1);
  return ["| key | meaning | default |", "|---|---|---|", ...rows, ""].join("\n");
}

function describe(node: JsonSchema): string {
  const parts: string[] = [];
  if (node.description) parts.push(node.description);
  if (node.enum) parts.push(`One of ${node.enum.map((value) => `\`${String(value)}\``).join(", ")}.`);
  return parts.join(" ").replace(/\|/g, "\\|").replace(/\n/g, " ") || " ";
}

function defaultOf(node: JsonSchema): string {
  if (node.default === undefined) return "";
  const value = node.default;
  if (Array.isArray(value) && value.length > 6) return `${value.length} values (see the schema)`;
  return `\`${typeof value === "string" ? value : JSON.stringify(value)}\``.replace(/\|/g, "\\|");
}
