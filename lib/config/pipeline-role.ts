import { AccountSettings } from "./account-settings";
import { Partition } from "../model/aws-facts";
import { ARN_RULES } from "./formats";
import { PipelineAccess, SourceRef } from "../model/model";
import { FieldPath } from "../source/yaml-source";

/**
 * The role the generated pipeline's jobs assume for an account (`pipeline.role_arn`, or
 * `pipeline.role_name` in the account's own id). The account's own choice wins over
 * `defaults`, whichever of the two keys each uses: a hub role_arn in defaults and one
 * account with its own role_name is a normal organization.
 */
export function pipelineAccessOf(
  settings: AccountSettings,
  accountId: string | undefined,
  partition: Partition,
  report: (path: FieldPath, message: string) => void,
): PipelineAccess {
  const arnPath = ["pipeline", "role_arn"];
  const namePath = ["pipeline", "role_name"];
  const where: SourceRef = settings.where(["pipeline"]);
  const ownArn = settings.ownedByAccount(arnPath);
  const ownName = settings.ownedByAccount(namePath);
  // Both on one side is a contradiction; one on each side resolves to the account's.
  const useArn = ownArn || (!ownName && settings.get<string>(arnPath) !== undefined);
  const useName = ownName || (!ownArn && settings.get<string>(namePath) !== undefined);
  if (useArn && useName) {
    report(namePath, "give pipeline.role_arn or pipeline.role_name, not both");
    return { where };
  }
  if (useArn) {
    const roleArn = settings.get<string>(arnPath)!;
    const problem = ARN_RULES.iamRole(roleArn);
    if (problem) report(arnPath, problem);
    else if (!roleArn.startsWith(`arn:${partition}:`))
      report(arnPath, `the account's home region is in partition ${partition}, so its role is arn:${partition}:iam::…`);
    return { roleArn, where: settings.where(arnPath) };
  }
  if (useName) {
    const name = settings.get<string>(namePath)!;
    if (accountId === undefined) {
      report(namePath, "pipeline.role_name names a role in the account, so the account needs its id (or give pipeline.role_arn)");
      return { where };
    }
    return { roleArn: `arn:${partition}:iam::${accountId}:role/${name}`, where: settings.where(namePath) };
  }
  return { where };
}
