import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * What it takes to run `terraform plan` on a synthesized stack with no AWS account and no
 * internet: the hashicorp/aws provider from a local filesystem mirror, and overrides that
 * swap the stack's backend for a local file and give every aws provider dummy keys and the
 * skip_* flags. The benchmark and the test harness use it; users with credentials need none
 * of it. Overrides go into a private copy of the stack, never into cdktf.out.
 */
export const PROVIDER = "registry.terraform.io/hashicorp/aws";
export const PROVIDER_VERSION = "5.100.0";

/**
 * A filesystem mirror holding the provider in the unpacked layout, from which `terraform
 * init` links the provider instead of copying 700 MB: CIS_TF_PROVIDER_MIRROR, or one of
 * the usual places.
 */
export function findProviderMirror(): string | undefined {
  const candidates = [
    process.env.CIS_TF_PROVIDER_MIRROR,
    "/opt/tf-plugins",
    join(homedir(), ".terraform.d", "plugins"),
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
  ].filter((dir): dir is string => Boolean(dir));
  return candidates.find((dir) => {
    const platform = join(dir, PROVIDER, PROVIDER_VERSION, "linux_amd64");
    return existsSync(platform) && readdirSync(platform).some((name) => name.startsWith("terraform-provider-aws"));
  });
}

/** A terraform CLI configuration that installs the provider from the mirror only. */
export function mirrorCliConfig(mirror: string): string {
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${JSON.stringify(mirror)}`,
    `    include = [${JSON.stringify(PROVIDER)}]`,
    "  }",
    "  direct {",
    `    exclude = [${JSON.stringify(PROVIDER)}]`,
    "  }",
    "}",
    "",
  ].join("\n");
}

/** The `*_override.tf.json` that lets a stack with these aws provider blocks plan offline. */
export function offlineOverrides(providers: readonly { alias?: string; assume_role?: unknown }[]): unknown {
  const offline = {
    access_key: "AKIAOFFLINEEXAMPLE00",
    secret_key: "offline-dummy-secret",
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: "true",
    // allowed_account_ids needs the account id, which offline runs never request.
    allowed_account_ids: null,
  };
  // Overrides cannot delete a block; an empty role_arn makes the provider skip AssumeRole.
  const noAssumeRole = { assume_role: [{ role_arn: "" }] };
  return {
    terraform: { backend: { local: { path: "terraform.tfstate" } } },
    provider: {
      aws: providers.map((provider) => ({ ...(provider.alias ? { alias: provider.alias } : {}), ...offline, ...(provider.assume_role ? noAssumeRole : {}) })),
    },
  };
}
