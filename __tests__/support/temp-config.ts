import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../lib/config/load-config";
import { InvalidInputError, formatProblem } from "../../lib/source/problems";

/** Writes files into a fresh temp folder; returns the folder. */
export function tempFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cis-config-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A minimal valid config: one account, one topic taking every severity. */
export const MINIMAL = `
defaults:
  topics:
    alerts:
      severities: [critical, high, medium, low, informational]
      subscriptions:
        - { protocol: email, endpoint: sec@example.com }
  log_group: { lookup: false }
accounts:
  - name: main
    id: "123456789012"
    region: us-east-1
`;

/** Loads `config.yaml` (plus any extra files) and returns the formatted problems, or [] if valid. */
export function problemsFor(config: string, extra: Record<string, string> = {}): string[] {
  const dir = tempFiles({ "config.yaml": config, ...extra });
  try {
    loadConfig(join(dir, "config.yaml"));
    return [];
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    // Strip the temp folder so assertions read like the user's view: config.yaml:3:5: ...
    return error.problems.map((problem) => formatProblem(problem).split(`${dir}/`).join(""));
  }
}

export function loadFrom(config: string, extra: Record<string, string> = {}) {
  const dir = tempFiles({ "config.yaml": config, ...extra });
  return loadConfig(join(dir, "config.yaml"));
}
