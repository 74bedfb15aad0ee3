import type { ScannerId } from "./scanner-ids";

/** A filter that passes a check the rule's own pattern does not, and how its events relate to the rule's. */
export interface Remedy {
  readonly pattern: string;
  /** equal: the same events; subset: fewer; superset: more (a deliberate widening, listed in docs/compliance.md). */
  readonly relation: "equal" | "subset" | "superset";
  /**
   * A superset that counts: the alarm fires for its extra events too (a deliberate widening,
   * listed in docs/compliance.md). Any other remedy publishes 0, so each event counts once and the
   * alarm keeps the rule's meaning; it exists for the scanner to find.
   */
  readonly widens?: boolean;
  readonly why?: string;
}

/**
 * A second (third...) metric filter for a rule, carrying a pattern a scanner looks for that
 * the rule's own pattern does not satisfy. It publishes to the rule's metric, so the rule's
 * one alarm covers it and an event notifies once.
 */
export interface FilterVariant {
  /** Stable address suffix: the first scanner (in SCANNER_IDS order) whose data defines this pattern. */
  readonly key: ScannerId;
  readonly filterName: string;
  readonly pattern: string;
  /** The rule's metric value when the variant counts (a widening superset), else "0". */
  readonly value: string;
  /** The selected scanners it is there for. */
  readonly scanners: readonly ScannerId[];
  readonly remedy: Remedy;
}
