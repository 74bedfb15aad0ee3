/**
 * What a generated resource stands for, written into the synthesized JSON under
 * Terraform's comment key (`"//": { "cis": {...} }`, which terraform ignores) so that a
 * review of two synth outputs, or of a plan, can speak of rules, topics and regions
 * instead of logical ids. Written by the constructs, read by lib/review.
 */
export const NOTE_KEY = "cis";

export interface RuleNote {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  /** Security Hub control and CIS sections, e.g. ["CloudWatch.1", "CIS 3.3"]. */
  readonly references: readonly string[];
}

export interface ResourceNote {
  readonly rule?: RuleNote;
  /** The topic's key in the config's `topics`. */
  readonly topic?: string;
  /** A subscription as a reviewer may see it: protocol and endpoint (never a secret). */
  readonly subscription?: string;
  readonly region?: string;
}

/** The note of a resource body from a synthesized stack, if it has one. */
export function noteOf(body: Readonly<Record<string, unknown>> | undefined): ResourceNote | undefined {
  const comment = body?.["//"] as Record<string, unknown> | undefined;
  return comment?.[NOTE_KEY] as ResourceNote | undefined;
}
