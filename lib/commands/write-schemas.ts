import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TerraformResource } from "cdktf";
import * as aws from "../aws";
import { CONFIG_SCHEMA, PACK_SCHEMA } from "../config/schema";
import { SCANNER_SCHEMA } from "../scanners/scanner-schema";
import { complianceReport } from "../compliance/build-report";
import { renderComplianceMarkdown } from "../compliance/render";
import { builtInPackFiles, loadRulePacks } from "../config/load-packs";
import { InvalidInputError, ProblemList } from "../source/problems";
import { renderRulesReference } from "../config/rules-reference";
import { renderConfigReference } from "../config/schema-reference";
import { YamlSource } from "../source/yaml-source";
import { projectRoot } from "../source/paths";
import { AWS_PROVIDER_SCHEMA, trimProviderSchema } from "../terraform/provider-schema";
import { InputRefusal, MiB } from "../source/read-text";
import { describeRefusal, readJson } from "../source/read-json";
import { Output, parseCommandLine, processOutput, usageError } from "./command-line";

const USAGE = `usage: npm run schema [-- --check]
       npm run schema -- --provider-schema <file>

Writes rules/schema/*.schema.json (the JSON Schemas editors read) and the README's
configuration reference from lib/config/schema.ts, and rules/RULES.md from the rule packs;
--check only reports stale files. --provider-schema trims the output of
\`terraform providers schema -json\` (hashicorp/aws ${AWS_PROVIDER_SCHEMA.version}) to the resource
types lib/aws.ts imports and writes lib/terraform/aws-provider-schema.json.`;

const REFERENCE_START = "<!-- config-reference:start -->";
const REFERENCE_END = "<!-- config-reference:end -->";

/** The JSON Schema files editors read, and the README's configuration reference, rendered from lib/config/schema.ts. */
export function renderedSchemas(root = projectRoot()): { file: string; text: string }[] {
  const readme = join(root, "README.md");
  const current = readFileSync(readme, "utf8");
  const start = current.indexOf(REFERENCE_START);
  const end = current.indexOf(REFERENCE_END);
  if (start < 0 || end < 0) throw new Error(`README.md lacks the ${REFERENCE_START} / ${REFERENCE_END} markers`);
  return [
    { file: join(root, "rules", "schema", "config.schema.json"), text: `${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n` },
    { file: join(root, "rules", "schema", "pack.schema.json"), text: `${JSON.stringify(PACK_SCHEMA, null, 2)}\n` },
    { file: join(root, "rules", "schema", "scanner.schema.json"), text: `${JSON.stringify(SCANNER_SCHEMA, null, 2)}\n` },
    {
      file: readme,
      text: withComplianceTables(`${current.slice(0, start + REFERENCE_START.length)}\n${renderConfigReference(CONFIG_SCHEMA)}${current.slice(end)}`, root),
    },
    { file: join(root, "rules", "RULES.md"), text: builtInRulesReference(root) },
  ];
}

/**
 * The README's compliance tables: `<!-- compliance:<config>:start -->` ... `:end -->` holds
 * `npm run compliance -- --markdown` of that config (relative to the project).
 */
function withComplianceTables(readme: string, root: string): string {
  return readme.replace(/(<!-- compliance:([^ ]+):start -->\n)[\s\S]*?(<!-- compliance:\2:end -->)/g, (_, start: string, config: string, end: string) => {
    return `${start}${renderComplianceMarkdown(complianceReport(join(root, config)))}${end}`;
  });
}

/** rules/RULES.md from the built-in packs. */
function builtInRulesReference(root: string): string {
  const problems = new ProblemList();
  const files = builtInPackFiles(root);
  const catalog = loadRulePacks(files, problems, (file) => file);
  if (!problems.isEmpty) throw new InvalidInputError(problems.all);
  const titles = new Map(files.map((file) => YamlSource.read(file).value as { pack: string; title?: string }).map((pack) => [pack.pack, pack.title ?? ""]));
  return renderRulesReference(catalog, root, titles);
}

/** Every resource type the stacks can write: the resource classes lib/aws.ts exports. */
export function resourceTypes(): string[] {
  const bindings: unknown[] = Object.values(aws);
  return bindings
    .filter(
      (binding): binding is { prototype: unknown; tfResourceType: string } => typeof binding === "function" && binding.prototype instanceof TerraformResource,
    )
    .map((binding) => binding.tfResourceType)
    .sort();
}

/** lib/terraform/aws-provider-schema.json, as trimmed from a full `terraform providers schema -json`. */
export function renderedProviderSchema(fullSchema: unknown): string {
  const facts = trimProviderSchema(fullSchema, AWS_PROVIDER_SCHEMA.provider, AWS_PROVIDER_SCHEMA.version, resourceTypes());
  return `${JSON.stringify(facts, null, 1)}\n`;
}

export function writeSchemasCommand(argv: string[], out: Output): number {
  // Unknown flags are refused: a misspelt --check must not rewrite every file.
  const parsed = parseCommandLine(argv, { check: { type: "boolean" }, "provider-schema": { type: "string" } }, USAGE, out);
  if (typeof parsed === "number") return parsed;
  if (parsed.positionals.length) return usageError(out, `unexpected argument ${parsed.positionals[0]}`, USAGE);
  const source = parsed.options["provider-schema"] as string | undefined;
  if (source !== undefined) {
    let schema: unknown;
    try {
      schema = readJson(source, 1024 * MiB, 256);
    } catch (error) {
      if (!(error instanceof InputRefusal)) throw error;
      out.error(`error: ${describeRefusal(source, error)}\n`);
      return 2;
    }
    const file = join(projectRoot(), "lib", "terraform", "aws-provider-schema.json");
    writeFileSync(file, renderedProviderSchema(schema));
    out.write(`wrote ${file}\n`);
    return 0;
  }
  const check = parsed.options.check === true;
  let stale = 0;
  for (const { file, text } of renderedSchemas()) {
    let current = "";
    try {
      current = readFileSync(file, "utf8");
    } catch {
      // missing: written below, or reported as stale with --check
    }
    if (current === text) continue;
    if (check) {
      out.error(`${file} is out of date; run npm run schema\n`);
      stale++;
    } else {
      writeFileSync(file, text);
      out.write(`wrote ${file}\n`);
    }
  }
  return stale ? 1 : 0;
}

if (require.main === module) process.exitCode = writeSchemasCommand(process.argv.slice(2), processOutput);
