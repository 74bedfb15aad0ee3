import { relative } from "node:path";
import { loadConfig } from "../config/load-config";
import { synthesizeToTexts } from "../synth/synth-stacks";
import { ComplianceReport } from "./render";
import { reportAccount, reportMember } from "./report";
import { Model } from "../model/model";
import { SCANNER_IDS, ScannerId } from "../scanners/scanner-data";
import { readSecurityHubFacts } from "./security-hub-facts";
import { readStackFacts } from "../terraform/stack-facts";

/**
 * The compliance report of a config: it is loaded (throwing InvalidInputError when it is
 * not valid), synthesized, and every monitoring account's stacks are read back.
 */
export function complianceReport(configFile: string, only?: (account: string) => boolean): ComplianceReport {
  const { model, scanners } = loadConfig(configFile);
  const accounts = model.accounts.filter((account) => !only || only(account.name));
  const stacks = synthesizeToTexts({ ...model, accounts });
  const json = (name: string) => JSON.parse(stacks.get(name)!) as unknown;
  return {
    config: display(configFile),
    accounts: accounts
      .filter((account) => account.monitoring !== "none" && !account.decommission)
      .map((account) =>
        reportAccount(
          account,
          readStackFacts(account.stacks.home, json(account.stacks.home)),
          readSecurityHubFacts(account.stacks.regional.map((stack) => json(stack.name))),
          scanners,
        ),
      ),
    monitoredElsewhere: accounts
      .filter((account) => account.monitoring === "none")
      .map((account) =>
        reportMember(
          account.name,
          model.organizationTrail?.account,
          readStackFacts(account.stacks.home, json(account.stacks.home)),
          trailAccountScanners(model, account.scanners),
          scanners,
        ),
      ),
    titles: Object.fromEntries(SCANNER_IDS.map((id) => [id, scanners.get(id)?.title ?? id])) as Record<ScannerId, string>,
  };
}

/** The scanners the trail's account selects (those its filters are made for); the member's own when there is no such account. */
function trailAccountScanners(model: Model, own: readonly ScannerId[]): readonly ScannerId[] {
  return model.accounts.find((account) => account.name === model.organizationTrail?.account)?.scanners ?? own;
}

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}
