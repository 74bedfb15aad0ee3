/**
 * Located problems in the user's input. Every message names the file, line, column and
 * field, so a user can jump straight to the mistake from a terminal or a CI log.
 */

export interface Location {
  readonly file: string;
  /** 1-based */
  readonly line: number;
  /** 1-based */
  readonly column: number;
}

export interface Problem {
  readonly location: Location;
  /** Dotted path of the field, e.g. `defaults.alarm.period` or `accounts[1].id`. */
  readonly field: string;
  readonly message: string;
}

export function formatProblem(problem: Problem): string {
  const { file, line, column } = problem.location;
  const field = problem.field ? `${problem.field}: ` : "";
  return `${file}:${line}:${column}: ${field}${problem.message}`;
}

/** Thrown when input is invalid; carries every problem found, not just the first. */
export class InvalidInputError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const sorted = [...problems].sort(compareProblems);
    super(sorted.map(formatProblem).join("\n"));
    this.name = "InvalidInputError";
    this.problems = sorted;
  }
}

function compareProblems(a: Problem, b: Problem): number {
  return (
    a.location.file.localeCompare(b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    a.message.localeCompare(b.message)
  );
}

/**
 * Collects problems while a loader keeps going, so one run reports them all. Each problem
 * is kept once: a mistake in `defaults` that every account inherits is one problem, naming
 * the accounts it affects.
 */
export class ProblemList {
  private readonly items = new Map<string, { problem: Problem; accounts: string[] }>();
  private account: string | undefined;

  add(location: Location, field: string, message: string): void {
    const key = `${location.file}:${location.line}:${location.column}:${field}:${message}`;
    const entry = this.items.get(key) ?? { problem: { location, field, message }, accounts: [] };
    if (this.account !== undefined && !entry.accounts.includes(this.account)) entry.accounts.push(this.account);
    this.items.set(key, entry);
  }

  /** A point to discard consequences after (see discardSince). */
  mark(): number {
    return this.items.size;
  }

  /** Drops the problems added after `mark` that `isConsequence` says follow from one already reported. */
  discardSince(mark: number, isConsequence: (problem: Problem) => boolean): void {
    [...this.items.entries()].slice(mark).forEach(([key, { problem }]) => {
      if (isConsequence(problem)) this.items.delete(key);
    });
  }

  /** Runs `body` with every problem it adds attributed to `account`. */
  within<T>(account: string, body: () => T): T {
    const previous = this.account;
    this.account = account;
    try {
      return body();
    } finally {
      this.account = previous;
    }
  }

  get isEmpty(): boolean {
    return this.items.size === 0;
  }

  get all(): readonly Problem[] {
    return [...this.items.values()].map(({ problem, accounts }) =>
      problem.field.startsWith("defaults") && accounts.length > 1 ? { ...problem, message: `${problem.message} (accounts ${accounts.join(", ")})` } : problem,
    );
  }

  /** Throws an InvalidInputError if anything was collected. */
  throwIfAny(): void {
    if (!this.isEmpty) throw new InvalidInputError(this.all);
  }
}
