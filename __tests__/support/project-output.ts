import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const OUTPUT = join(__dirname, "..", "..", "cdktf.out");

/** The project's cdktf.out, top level: each entry with its modification time, or "absent". */
export function projectOutputListing(): string {
  try {
    return readdirSync(OUTPUT)
      .sort()
      .map((name) => `${name}@${statSync(join(OUTPUT, name)).mtimeMs}`)
      .join(", ");
  } catch {
    return "absent";
  }
}
