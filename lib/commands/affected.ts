import { rmSync } from "node:fs";
import { loadConfig } from "../config/load-config";
import { InvalidInputError } from "../source/problems";
import { stacksOf } from "../model/stack-names";
import { DEFAULT_CONFIG, configFileFrom } from "../source/paths";
import { BaseTreeError } from "../review/base-tree";
import { compareWithBase } from "../review/compare-with-base";
import { StackFileError } from "../terraform/stack-json";
import { Output, parseCommandLine, processOutput, usageError } from "./command-line";

const USAGE = `usage: npm run --silent affected -- --base <git ref> [--config <file>] [--json]

Lists the stacks whose synthesized Terraform differs between the git ref and the working
tree — new stacks included — in the order to apply them: each account's stack before its
regional stacks. These are the stacks a pull request must plan, and a merge apply; every
other stack would plan nothing. Stacks the config no longer has are listed apart (they are
orphaned, never planned). When only the config changed, only its changed accounts are
synthesized.
  --config   deployment config (default: CIS_CONFIG or ${DEFAULT_CONFIG})
  --json     {"stacks": [{"name", "account", "kind", "status"}], "removed": [...], "unchanged": n}
Exit status: 0, also when nothing changed; 2 on a usage error or a config that does not load.`;

export interface AffectedStack {
  readonly name: string;
  readonly account: string;
  readonly kind: "account" | "regional";
  /** new: not in the base; changed: its JSON differs. */
  readonly status: "new" | "changed";
}

export function affectedCommand(argv: string[], out: Output): number {
  const parsed = parseCommandLine(argv, { base: { type: "string" }, config: { type: "string" }, json: { type: "boolean" } }, USAGE, out);
  if (typeof parsed === "number") return parsed;
  const options = parsed.options as { base?: string; config?: string; json?: boolean };
  if (options.base === undefined) return usageError(out, "--base <git ref> is required", USAGE);
  if (parsed.positionals.length) return usageError(out, `unexpected argument ${parsed.positionals[0]}`, USAGE);
  const config = options.config ?? (process.env.CIS_CONFIG || DEFAULT_CONFIG);
  const temporary: string[] = [];
  try {
    const comparison = compareWithBase(options.base, config, temporary);
    const { model } = loadConfig(configFileFrom(config));
    const stacks: AffectedStack[] = model.accounts.flatMap((account) =>
      stacksOf(account.stacks)
        .filter((name) => comparison.head.has(name))
        .map((name) => ({
          name,
          account: account.name,
          kind: name === account.stacks.home ? ("account" as const) : ("regional" as const),
          status: comparison.base.has(name) ? ("changed" as const) : ("new" as const),
        })),
    );
    const removed = [...comparison.base.keys()].filter((name) => !comparison.head.has(name)).sort();
    if (options.json) out.write(`${JSON.stringify({ stacks, removed, unchanged: comparison.unchanged.length, configOnly: comparison.configOnly })}\n`);
    else for (const stack of stacks) out.write(`${stack.name}\n`);
    return 0;
  } catch (error) {
    if (error instanceof InvalidInputError) {
      out.error(`error: the config does not load:\n${error.message}\n`);
      return 2;
    }
    if (!(error instanceof BaseTreeError || error instanceof StackFileError)) throw error;
    out.error(`error: ${error.message}\n`);
    return 2;
  } finally {
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) process.exitCode = affectedCommand(process.argv.slice(2), processOutput);
