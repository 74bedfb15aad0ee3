/** The compliance scanners this project models, in the order reports list them. */
export const SCANNER_IDS = ["security-hub", "prowler", "steampipe", "cloudsploit", "trivy"] as const;
export type ScannerId = (typeof SCANNER_IDS)[number];

/** What a config selects when it does not say: the scanners whose checks can all pass without renaming anything. */
export const DEFAULT_SCANNERS: readonly ScannerId[] = ["security-hub", "prowler", "steampipe"];
