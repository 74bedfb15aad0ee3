import { Model } from "../model/model";
import { Problem } from "../source/problems";

/**
 * What a config needs before a pipeline can run it, as located problems: remote state
 * (a CI runner keeps no files, so local state would be lost after every apply) and, for
 * each account, a role its jobs can assume. A cloud backend's workspaces may hold the
 * AWS credentials themselves, so there the role is optional.
 */
export function pipelineProblems(model: Model, configFile: string): Problem[] {
  const problems: Problem[] = [];
  if (!model.backend) {
    problems.push({
      location: { file: configFile, line: 1, column: 1 },
      field: "backend",
      message: "a pipeline needs remote state: its runners keep no files, so local state would be lost after every apply; add backend.s3 or backend.cloud",
    });
  }
  if (model.backend?.kind !== "cloud") {
    for (const account of model.accounts) {
      if (account.pipeline.roleArn) continue;
      const { file, line, column, field } = account.pipeline.where;
      problems.push({
        location: { file, line, column },
        field,
        message: `account ${account.name}: the pipeline's jobs need a role to assume by OIDC: set pipeline.role_arn, or pipeline.role_name (in defaults, for every account with an id)`,
      });
    }
  }
  return problems;
}
