import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_SCHEMA, PACK_SCHEMA } from "../config/schema";
import { projectRoot } from "../paths";

/** The JSON Schema files editors read, rendered from lib/config/schema.ts. */
export function renderedSchemas(root = projectRoot()): { file: string; text: string }[] {
  return [
    { file: join(root, "rules", "schema", "config.schema.json"), text: `${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n` },
    { file: join(root, "rules", "schema", "pack.schema.json"), text: `${JSON.stringify(PACK_SCHEMA, null, 2)}\n` },
  ];
}

function main(): number {
  const check = process.argv.includes("--check");
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
      process.stderr.write(`${file} is out of date; run npm run schema\n`);
      stale++;
    } else {
      writeFileSync(file, text);
      process.stdout.write(`wrote ${file}\n`);
    }
  }
  return stale ? 1 : 0;
}

if (require.main === module) process.exitCode = main();
