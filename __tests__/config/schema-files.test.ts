import { readFileSync } from "node:fs";
import { renderedSchemas } from "../../lib/commands/write-schemas";
import { ROOT } from "../support/synth";

test("rules/schema/*.schema.json are up to date with lib/config/schema.ts (npm run schema)", () => {
  for (const { file, text } of renderedSchemas(ROOT)) expect(readFileSync(file, "utf8")).toBe(text);
});
