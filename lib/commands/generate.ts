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
import { withSection, sectionNames } from "../output/marked-section";
import { Output, parseCommandLine, processOutput, usageError } from "./command-line";

const USAGE = `usage: npm run generate [-- --check]
       npm run generate -- --provider-schema <file>

Writes every generated file and section: rules/schema/*.schema.json (the JSON Schemas editors
read) from lib/config/schema.ts, the configuration reference in docs/configuration.md, the
compliance tables in docs/compliance.md (each shipped config's report), and rules/RULES.md from
the rule packs; --check writes nothing and exits 1 when any of them is stale.
--provider-schema trims the output of \`terraform providers schema -json\` (hashicorp/aws
${AWS_PROVIDER_SCHEMA.version}) to the resource types lib/aws.ts imports and writes
lib/terraform/aws-provider-schema.json.`;

/** A section `<!-- compliance:<config>:start -->` holds `npm run compliance -- --markdown` of that config (relative to the project). */
const COMPLIANCE_PREFIX = "compliance:";

/** Every generated file, as it should read now. */
export function generatedFiles(root = projectRoot()): { file: string; text: string }[] {
  const configuration = join(root, "docs", "configuration.md");
  const compliance = join(root, "docs", "compliance.md");
  return [
    { file: join(root, "rules", "schema", "config.schema.json"), text: `${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n` },
    { file: join(root, "rules", "schema", "pack.schema.json"), text: `${JSON.stringify(PACK_SCHEMA, null, 2)}\n` },
    { file: join(root, "rules", "schema", "scanner.schema.json"), text: `${JSON.stringify(SCANNER_SCHEMA, null, 2)}\n` },
    { file: configuration, text: withSection(readFileSync(configuration, "utf8"), "config-reference", renderConfigReference(CONFIG_SCHEMA), configuration) },
    { file: compliance, text: withComplianceTables(readFileSync(compliance, "utf8"), compliance, root) },
    { file: join(root, "rules", "RULES.md"), text: builtInRulesReference(root) },
  ];
}

function withComplianceTables(text: string, file: string, root: string): string {
  const names = sectionNames(text, COMPLIANCE_PREFIX);
  if (!names.length) throw new Error(`${file} has no ${COMPLIANCE_PREFIX}<config> sections`);
  return names.reduce((current, name) => {
    const config = name.slice(COMPLIANCE_PREFIX.length);
    return withSection(current, name, renderComplianceMarkdown(complianceReport(join(root, config))), file);
  }, text);
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

export function generateCommand(argv: string[], out: Output): number {
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
  for (const { file, text } of generatedFiles()) {
    let current = "";
    try {
      current = readFileSync(file, "utf8");
    } catch {
      // missing: written below, or reported as stale with --check
    }
    if (current === text) continue;
    if (check) {
      out.error(`${file} is out of date; run npm run generate\n`);
      stale++;
    } else {
      writeFileSync(file, text);
      out.write(`wrote ${file}\n`);
    }
  }
  return stale ? 1 : 0;
}

if (require.main === module) process.exitCode = generateCommand(process.argv.slice(2), processOutput);
