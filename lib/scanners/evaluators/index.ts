import { ScannerId } from "../scanner-data";
import { Scanner } from "../scanner";
import { cloudsploit } from "./cloudsploit";
import { prowler } from "./prowler";
import { securityHub } from "./security-hub";
import { steampipe } from "./steampipe";
import { trivy } from "./trivy";

/** Every modelled scanner, in the order reports list them. */
export const SCANNERS: ReadonlyMap<ScannerId, Scanner> = new Map([securityHub, prowler, steampipe, cloudsploit, trivy].map((scanner) => [scanner.id, scanner]));
