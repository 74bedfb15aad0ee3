import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES_DIR, projectRoot } from "../paths";

/** Where rule examples live: real records first, then the documented derivations of them. */
export function fixtureFolders(root = projectRoot()): string[] {
  return [join(root, FIXTURES_DIR), join(root, `${FIXTURES_DIR}-derived`)];
}

/** Reads the CloudTrail record a rule example names (file name without .json). */
export function readFixture(name: string, root = projectRoot()): unknown {
  for (const folder of fixtureFolders(root)) {
    const file = join(folder, `${name}.json`);
    if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  }
  throw new Error(`no fixture named ${name} in ${fixtureFolders(root).join(" or ")}`);
}
