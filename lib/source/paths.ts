import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** Set by tools/launcher.js in its bundles: the checkout the bundle was built from. */
declare const CIS_BUNDLED_ROOT: string | undefined;

/**
 * The project's root folder (where rules/ lives): the launcher's checkout in a bundle (a
 * bundle may sit in another checkout's node_modules, as `review --base` arranges), else
 * found by walking up from this file (the TypeScript sources under jest or ts-node).
 */
export function projectRoot(): string {
  if (typeof CIS_BUNDLED_ROOT === "string") return CIS_BUNDLED_ROOT;
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
