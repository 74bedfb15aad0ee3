import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformStack } from "cdktf";
import { StateBackend } from "../model/model";

/**
 * Where a stack keeps its state: `<key_prefix>/<stack>/terraform.tfstate` in the configured
 * S3 bucket, the workspace `<workspace_prefix><stack>` of an HCP Terraform or Terraform
 * Enterprise organization, or a local file in the project folder. One state per stack,
 * keyed by the stack name, so stacks can be planned and applied independently.
 */
export function configureState(stack: TerraformStack, stackName: string, settings?: StateBackend): void {
  if (!settings) {
    // cdktf's default local path is absolute, which makes the output differ between clones;
    // this one is relative to cdktf.out/stacks/<name> and lands in the project folder.
    new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
    return;
  }
  if (settings.kind === "cloud") {
    // One workspace per stack, so that each plans, applies and locks on its own.
    new CloudBackend(stack, {
      hostname: settings.hostname,
      organization: settings.organization,
      workspaces: new NamedCloudWorkspace(workspaceName(settings.workspacePrefix, stackName), settings.project),
    });
    return;
  }
  const backend = new S3Backend(stack, {
    bucket: settings.bucket,
    key: `${settings.keyPrefix}/${stackName}/terraform.tfstate`,
    region: settings.region,
    encrypt: settings.encrypt,
    dynamodbTable: settings.dynamodbTable,
    assumeRole: settings.roleArn ? { roleArn: settings.roleArn } : undefined,
  });
  // S3-native state locking (Terraform >= 1.10); cdktf 0.21's S3Backend has no property for it.
  if (settings.useLockfile) backend.addOverride("use_lockfile", true);
}

/** A stack's workspace name (HCP Terraform: at most 90 letters, digits, - and _). */
export function workspaceName(prefix: string, stackName: string): string {
  return `${prefix}${stackName}`;
}
