import { ParseArgsConfig, parseArgs } from "node:util";

/** Where a command writes; tests pass their own to capture it. */
export interface Output {
  write(text: string): void;
  error(text: string): void;
}

let pipeGuarded = false;

/**
 * A reader that stops early (`... | head -2`) closes the pipe; the next write fails with
 * EPIPE, which Node raises as an unhandled error event. That is not a failure of the
 * command: it stops quietly, with the status it had.
 */
function guardPipes(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
      throw error;
    });
  }
}

export const processOutput: Output = {
  write: (text) => {
    guardPipes();
    process.stdout.write(text);
  },
  error: (text) => {
    guardPipes();
    process.stderr.write(text);
  },
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

/**
 * The config a command that reads one config takes: `--config <file>` or the file as its
 * one argument (`check my.yaml`), never both; undefined for the default (CIS_CONFIG, then
 * rules/default.yaml). A string is a usage error to report.
 */
export function configArgument(options: ParsedOptions, positionals: readonly string[]): { config: string | undefined } | string {
  if (positionals.length > 1) return `one config at a time; got ${positionals.join(", ")}`;
  const option = options.config as string | undefined;
  if (positionals.length === 1 && option !== undefined) return `give the config either as --config or as the argument, not both (${option}, ${positionals[0]})`;
  return { config: positionals[0] ?? option };
}

/** Prints `error: <message>` and the usage; returns exit status 2. */
export function usageError(out: Output, message: string, usage: string): number {
  out.error(`error: ${message}\n${usage}\n`);
  return 2;
}

/**
 * The `--max-chars` of a command that writes Markdown for a pull request (review,
 * compliance --summary): undefined when not given, the number, or a usage error to report.
 * Below 1,000 characters nothing useful fits.
 */
export function maxCharsOption(text: string | undefined): number | undefined | { readonly error: string } {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1000)
    return { error: `--max-chars must be a whole number of at least 1000, not ${JSON.stringify(text)}` };
  return value;
}
