import { ParseArgsConfig, parseArgs } from "node:util";

/** Where a command writes; tests pass their own to capture it. */
export interface Output {
  write(text: string): void;
  error(text: string): void;
}

export const processOutput: Output = {
  write: (text) => process.stdout.write(text),
  error: (text) => process.stderr.write(text),
};

export type ParsedOptions = Record<string, string | boolean | undefined>;

/**
 * Parses a command's arguments with -h/--help built in. Returns the options and positional
 * arguments, or the exit status when there is nothing left to do: 0 after printing the
 * usage, 2 after a usage error.
 */
export function parseCommandLine(
  argv: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  usage: string,
  out: Output,
): { options: ParsedOptions; positionals: string[] } | number {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
    });
    if (values.help) {
      out.write(`${usage}\n`);
      return 0;
    }
    return { options: values as ParsedOptions, positionals };
  } catch (error) {
    return usageError(out, (error as Error).message, usage);
  }
}

/** Prints `error: <message>` and the usage; returns exit status 2. */
export function usageError(out: Output, message: string, usage: string): number {
  out.error(`error: ${message}\n${usage}\n`);
  return 2;
}
