import { AccountSettings } from "./account-settings";
import { RuleCatalog } from "./load-packs";
import { RuleDefinition } from "../model/model";
import { ProblemList } from "../source/problems";
import { didYouMean } from "../source/did-you-mean";

/**
 * Resolves `rules.enable` ("all", "pack:<name>", rule ids) minus `rules.disable` to rule
 * definitions, sorted by id so the output does not depend on the order they were listed.
 */
export function selectRules(settings: AccountSettings, catalog: RuleCatalog, problems: ProblemList): RuleDefinition[] {
  const enable = settings.value<readonly string[]>(["rules", "enable"]);
  const disable = settings.value<readonly string[]>(["rules", "disable"]);
  const chosen = new Set<string>();
  const allIds = [...catalog.rules.keys()];
  const packNames = [...catalog.packs.keys()];

  enable.forEach((selector, index) => {
    const where = settings.where(["rules", "enable", index]);
    if (selector === "all") {
      allIds.forEach((id) => chosen.add(id));
    } else if (selector.startsWith("pack:")) {
      const name = selector.slice("pack:".length);
      const ids = catalog.packs.get(name);
      if (ids) ids.forEach((id) => chosen.add(id));
      else if (!catalog.incomplete)
        problems.add(where, where.field, `unknown rule pack "${name}"${didYouMean(name, packNames, "pack:")}; packs: ${packNames.join(", ")}`);
    } else if (catalog.rules.has(selector)) {
      chosen.add(selector);
    } else if (!catalog.incomplete) {
      // An incomplete catalog (a pack or rule refused, already reported) may hold it: no second report.
      problems.add(where, where.field, `unknown rule id "${selector}"${didYouMean(selector, allIds)}`);
    }
  });
  disable.forEach((id, index) => {
    if (!catalog.rules.has(id) && !catalog.incomplete) {
      const where = settings.where(["rules", "disable", index]);
      problems.add(where, where.field, `unknown rule id "${id}"${didYouMean(id, allIds)}`);
    }
    chosen.delete(id);
  });
  return [...chosen].sort().map((id) => catalog.rules.get(id)!);
}
