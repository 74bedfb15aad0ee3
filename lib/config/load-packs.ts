import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { MAX_PATTERN_LENGTH, PatternSyntaxError, describePatternError, parsePattern } from "../pattern";
import { AlarmSettings, RuleDefinition, RuleExample, Severity, SourceRef } from "../model/model";
import { ProblemList } from "../source/problems";
import { readSource, reportSchemaIssues } from "../source/read-source";
import { PACK_SCHEMA } from "./schema";
import { FieldPath, formatPath } from "../source/yaml-source";
import { readAlarmSettings } from "./alarm-settings";
import { documentSetting } from "./defaults";

export interface RuleCatalog {
  /** Every rule of every pack, by id. */
  readonly rules: ReadonlyMap<string, RuleDefinition>;
  /** Pack name -> its rule ids. */
  readonly packs: ReadonlyMap<string, readonly string[]>;
  /**
   * True when a pack or a rule was refused (its problems already reported): ids a config
   * names that the catalog lacks may be in it, so they are not reported again.
   */
  readonly incomplete: boolean;
}

/** The built-in packs: every rules/packs/*.yaml, in name order. */
export function builtInPackFiles(root: string): string[] {
  const dir = join(root, "rules", "packs");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".yaml") || name.endsWith(".yml"))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Loads rule packs, checking each against the pack schema, rule ids for duplicates across
 * packs, and every pattern with the pattern parser and AWS's length limit.
 */
export function loadRulePacks(files: readonly string[], problems: ProblemList, displayPath: (file: string) => string): RuleCatalog {
  const rules = new Map<string, RuleDefinition>();
  const packs = new Map<string, string[]>();
  const packSource = new Map<string, SourceRef>();
  let incomplete = false;

  for (const file of files) {
    const source = readSource(file, displayPath(file), problems);
    if (!source) {
      incomplete = true;
      continue;
    }
    const issues = reportSchemaIssues(source, PACK_SCHEMA, problems);
    // A refused rule is left out (its problems are reported); a refusal outside the rules leaves the whole pack out.
    const refusedRules = new Set(
      issues.filter((issue) => issue.path[0] === "rules" && typeof issue.path[1] === "number").map((issue) => issue.path[1] as number),
    );
    if (issues.length) incomplete = true;
    if (issues.some((issue) => !(issue.path[0] === "rules" && typeof issue.path[1] === "number"))) continue;
    const doc = source.value as PackDocument;
    const here = (path: FieldPath): SourceRef => ({ ...source.locate(path), field: formatPath(path) });

    const earlierPack = packSource.get(doc.pack);
    if (earlierPack) {
      problems.add(here(["pack"]), "pack", `pack "${doc.pack}" is also defined at ${earlierPack.file}:${earlierPack.line}`);
      continue;
    }
    packSource.set(doc.pack, here(["pack"]));
    const folders = documentSetting<readonly string[]>(doc, ["pack", "evidence"]);
    const evidence = folders.map((folder) => resolve(dirname(file), folder));
    const example = (name: string, where: SourceRef): RuleExample => {
      const found = evidence.map((folder) => join(folder, `${name}.json`)).find((candidate) => existsSync(candidate));
      if (!found) problems.add(where, where.field, `no evidence file ${name}.json in ${folders.join(" or ")} (the pack's evidence folders)`);
      return { name, file: found ?? "", source: where };
    };
    const ids: string[] = [];
    doc.rules.forEach((raw, index) => {
      if (refusedRules.has(index)) return;
      const at = (...rest: (string | number)[]) => here(["rules", index, ...rest]);
      const earlier = rules.get(raw.id);
      if (earlier) {
        const where = at("id");
        problems.add(where, where.field, `duplicate rule id "${raw.id}" (first defined at ${earlier.source.file}:${earlier.source.line})`);
        return;
      }
      checkPattern(raw.pattern, at("pattern"), problems);
      const alarm: Partial<AlarmSettings> = raw.alarm ? readAlarmSettings(raw.alarm) : {};
      const rule: RuleDefinition = {
        id: raw.id,
        pack: doc.pack,
        title: raw.title,
        description: raw.description.trim(),
        references: {
          securityHub: raw.references?.security_hub,
          cisV120: raw.references?.cis_v1_2_0,
          cisV140: raw.references?.cis_v1_4_0,
          source: raw.references?.source,
        },
        severity: raw.severity,
        pattern: raw.pattern,
        metricName: raw.metric_name,
        alarm,
        gaps: raw.gaps ?? [],
        examples: {
          match: (raw.examples?.match ?? []).map((name, position) => example(name, at("examples", "match", position))),
          noMatch: (raw.examples?.no_match ?? []).map((name, position) => example(name, at("examples", "no_match", position))),
        },
        source: at("id"),
        patternSource: at("pattern"),
      };
      rules.set(rule.id, rule);
      ids.push(rule.id);
    });
    packs.set(doc.pack, ids);
  }
  return { rules, packs, incomplete };
}

interface PackDocument {
  pack: string;
  evidence?: string[];
  rules: {
    id: string;
    title: string;
    severity: Severity;
    description: string;
    metric_name: string;
    pattern: string;
    references?: { security_hub?: string; cis_v1_2_0?: string; cis_v1_4_0?: string; source?: string };
    alarm?: Record<string, unknown>;
    examples?: { match?: string[]; no_match?: string[] };
    gaps?: string[];
  }[];
}

/** Pattern problems point at the pattern in the file and at the column inside it. */
export function checkPattern(pattern: string, where: SourceRef, problems: ProblemList): void {
  const add = (message: string) => problems.add(where, where.field, message);
  if (pattern.length > MAX_PATTERN_LENGTH) {
    add(`the pattern is ${pattern.length} characters long; CloudWatch Logs accepts at most ${MAX_PATTERN_LENGTH}`);
  }
  try {
    parsePattern(pattern);
  } catch (error) {
    if (!(error instanceof PatternSyntaxError)) throw error;
    add(describePatternError(pattern, error, "    "));
  }
}
