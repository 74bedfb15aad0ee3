import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderedProviderSchema } from "../../lib/commands/generate";
import { ROOT } from "../support/synth";
import { PROVIDER_VERSION, describeWithTerraform, mustSucceed, scratchFolder, workingCopy } from "../support/terraform";

jest.setTimeout(120_000);

/**
 * lib/terraform/aws-provider-schema.json (what the review and the state builder know of
 * the provider) must be what the provider itself says: regenerated here from
 * `terraform providers schema -json` and compared byte for byte.
 */
describeWithTerraform("the provider schema facts", () => {
  test(`lib/terraform/aws-provider-schema.json matches hashicorp/aws ${PROVIDER_VERSION} for every resource type lib/aws.ts imports`, () => {
    const dir = workingCopy({
      "main.tf.json": JSON.stringify({
        terraform: { required_providers: { aws: { source: "aws", version: PROVIDER_VERSION } }, backend: { local: { path: "terraform.tfstate" } } },
      }),
    });
    const full = mustSucceed(dir, ["providers", "schema", "-json"]).stdout;
    const fresh = renderedProviderSchema(JSON.parse(full));
    const committed = readFileSync(join(ROOT, "lib", "terraform", "aws-provider-schema.json"), "utf8");
    if (fresh !== committed) {
      const file = join(scratchFolder(), "schema.json");
      writeFileSync(file, full);
      throw new Error(`lib/terraform/aws-provider-schema.json is stale; regenerate it with: npm run generate -- --provider-schema ${file}`);
    }
  });
});
