import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The project's root folder (where rules/ lives), found by walking up from this file so it
 * works from the TypeScript sources, compiled output and bundles alike.
 */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, "rules", "packs"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project's rules/packs folder above ${__dirname}`);
    dir = parent;
  }
}

export const DEFAULT_CONFIG = "rules/default.yaml";

/** The config a command reads: --config, else CIS_CONFIG, else the default config. */
export function configFileFrom(option: string | undefined): string {
  return option ?? (process.env.CIS_CONFIG || join(projectRoot(), DEFAULT_CONFIG));
}
