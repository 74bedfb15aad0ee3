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

/** Collects problems while a loader keeps going, so one run reports them all. */
export class ProblemList {
  private readonly items: Problem[] = [];

  add(location: Location, field: string, message: string): void {
    this.items.push({ location, field, message });
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  get all(): readonly Problem[] {
    return this.items;
  }

  /** Throws an InvalidInputError if anything was collected. */
  throwIfAny(): void {
    if (!this.isEmpty) throw new InvalidInputError(this.items);
  }
}
