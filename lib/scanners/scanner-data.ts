import { readdirSync } from "node:fs";
import { join } from "node:path";
import { readSource, reportSchemaIssues } from "../source/read-source";
import { ProblemList } from "../source/problems";
import { SCANNER_SCHEMA } from "./scanner-schema";

import { Remedy } from "../model/filter-variant";
import { SCANNER_IDS, ScannerId } from "../model/scanner-ids";

export { SCANNER_IDS };
export type { ScannerId };

/** What one scanner requires of a control's metric filter (the fields its kind of matching uses). */
export interface ControlCondition {
  readonly check: string;
  readonly file?: string;
  readonly query?: string;
  readonly name?: string;
  readonly pattern?: string;
  readonly patterns?: readonly string[];
  readonly regex?: string;
  readonly eventSource?: string;
  readonly eventNames?: readonly string[];
  readonly clauses?: readonly (readonly [string, "=" | "!=", string])[];
  readonly remedy?: Remedy;
  readonly impossible?: string;
  /**
   * Trivy: another spelling of the rule's own pattern, counting the same events, for when
   * another filter must carry the scanner's string too (two carriers fail Trivy's check).
   */
  readonly ownSpelling?: { readonly replace: string; readonly with: string; readonly why: string };
}

export interface ScannerData {
  readonly id: ScannerId;
  readonly title: string;
  readonly source: {
    readonly repository?: string;
    readonly commit?: string;
    readonly files?: readonly string[];
    readonly tests?: string;
    readonly document?: string;
  };
  /** Control (rule id) -> condition. */
  readonly controls: ReadonlyMap<string, ControlCondition>;
}

interface RawControl {
  check: string;
  file?: string;
  query?: string;
  name?: string;
  pattern?: string;
  patterns?: string[];
  regex?: string;
  event_source?: string;
  event_names?: string[];
  clauses?: string[][];
  remedy?: Remedy;
  impossible?: string;
  own_spelling?: { replace: string; with: string; why: string };
}

/**
 * Why a scanner's regular expression cannot be used: JavaScript rejects it, or a quantified
 * group holds a quantifier of its own (the shape that backtracks exponentially; the
 * scanners' own expressions never need it). It runs on patterns of at most 1024 characters.
 */
function regexProblem(regex: string): string | undefined {
  try {
    new RegExp(regex, "s");
  } catch (error) {
    return `not a regular expression JavaScript accepts: ${(error as Error).message.replace(/^Invalid regular expression: /, "")}`;
  }
  if (/\((?:[^()\\]|\\.)*[*+}](?:[^()\\]|\\.)*\)[*+{]/.test(regex))
    return "a quantified group holds a quantifier of its own: that backtracks exponentially; write it without the nesting";
  return undefined;
}

/**
 * Reads rules/scanners/*.yaml: each scanner's conditions, checked against the scanner
 * schema; problems are located in the file like any config problem.
 */
export function loadScanners(root: string, problems: ProblemList): ReadonlyMap<ScannerId, ScannerData> {
  const dir = join(root, "rules", "scanners");
  const scanners = new Map<ScannerId, ScannerData>();
  for (const name of readdirSync(dir)
    .filter((file) => file.endsWith(".yaml"))
    .sort()) {
    const source = readSource(join(dir, name), join("rules", "scanners", name), problems);
    if (!source) continue;
    if (reportSchemaIssues(source, SCANNER_SCHEMA, problems).length) continue;
    const doc = source.value as { scanner: ScannerId; title: string; source: ScannerData["source"]; controls: Record<string, RawControl> };
    const controls = new Map<string, ControlCondition>();
    for (const [id, raw] of Object.entries(doc.controls)) {
      const clauses = (raw.clauses ?? []).map((clause, index) => {
        if (clause[1] !== "=" && clause[1] !== "!=") {
          const at = source.locate(["controls", id, "clauses", index, 1]);
          problems.add(at, `controls.${id}.clauses[${index}]`, `operator must be = or !=, got ${JSON.stringify(clause[1])}`);
        }
        return [clause[0], clause[1] as "=" | "!=", clause[2]] as const;
      });
      if (raw.regex !== undefined) {
        const problem = regexProblem(raw.regex);
        if (problem) {
          const at = source.locate(["controls", id, "regex"]);
          problems.add(at, `controls.${id}.regex`, problem);
          continue; // reported; never run
        }
      }
      controls.set(id, {
        check: raw.check,
        file: raw.file,
        query: raw.query,
        name: raw.name,
        pattern: raw.pattern,
        patterns: raw.patterns,
        regex: raw.regex,
        eventSource: raw.event_source,
        eventNames: raw.event_names,
        clauses: raw.clauses ? clauses : undefined,
        remedy: raw.remedy,
        impossible: raw.impossible,
        ownSpelling: raw.own_spelling,
      });
    }
    scanners.set(doc.scanner, { id: doc.scanner, title: doc.title, source: doc.source, controls });
  }
  return scanners;
}
