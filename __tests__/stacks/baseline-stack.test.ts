import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TerraformProvider, TerraformStack, Testing } from "cdktf";
import { resolve } from "cdktf/lib/_tokens";
import { CloudwatchMetricAlarm } from "../../lib/aws";
import { buildApp } from "../../lib/synth/app";
import { BaselineStack } from "../../lib/stacks/baseline-stack";
import { BASELINE_CONFIG, ROOT, loadModel } from "../support/synth";
import { HOSTILE_TEXT, richConfig, stringFieldPaths, withValue } from "../support/hostile-strings";
import { loadFrom } from "../support/temp-config";
import { Model } from "../../lib/model/model";

/**
 * BaselineStack renders a stack's document with less of cdktf's work (lib/stacks/baseline-stack.ts);
 * it must be the very document cdktf's own TerraformStack.toTerraform makes, for every stack
 * of every shipped config and of configs full of template syntax and moves.
 */
/** Where these Apps would write (cdktf makes the folder when an App is made): a temp folder, never the project's cdktf.out. */
function unusedOutdir(): string {
  return join(mkdtempSync(join(tmpdir(), "cis-unused-")), "out");
}

function compareWithCdktf(model: Model): number {
  const app = buildApp(model, { outdir: unusedOutdir() });
  let compared = 0;
  for (const stack of app.node.children.filter((child): child is BaselineStack => child instanceof BaselineStack)) {
    const ours = JSON.stringify(stack.toTerraform());
    const cdktf = JSON.stringify(TerraformStack.prototype.toTerraform.call(stack));
    expect({ stack: stack.node.id, same: ours === cdktf }).toEqual({ stack: stack.node.id, same: true });
    compared++;
  }
  return compared;
}

describe("BaselineStack renders exactly what cdktf renders", () => {
  const configs = [BASELINE_CONFIG, "rules/default.yaml", ...readdirSync(join(ROOT, "rules", "examples")).map((name) => `rules/examples/${name}`)];
  test.each(configs)("%s", (config) => {
    expect(compareWithCdktf(loadModel(config))).toBeGreaterThan(0);
  });

  test("a config with every string field planted with template syntax, moves, imports and removed blocks", () => {
    let config = richConfig();
    for (const path of stringFieldPaths()) {
      const candidate = withValue(config, path, HOSTILE_TEXT);
      try {
        loadFrom(JSON.stringify(candidate));
        config = candidate;
      } catch {
        // refused: left as it was
      }
    }
    const moved = withValue(
      withValue(config, ["defaults", "overrides", "vpc-changes", "moved_from"], "network-changes"),
      ["defaults", "access_analyzer", "import_existing"],
      true,
    );
    expect(compareWithCdktf(loadFrom(JSON.stringify(moved)).model)).toBeGreaterThan(0);
  });
});

describe("bindings that render less", () => {
  test("every provider block is the one cdktf's TerraformProvider renders, resolved", () => {
    const model = loadModel("rules/examples/multi-account.yaml");
    const app = buildApp(model, { outdir: unusedOutdir() });
    let compared = 0;
    for (const stack of app.node.children.filter((child): child is BaselineStack => child instanceof BaselineStack)) {
      for (const provider of stack.node.findAll().filter((node): node is TerraformProvider => node instanceof TerraformProvider)) {
        const standard = resolve(stack, TerraformProvider.prototype.toTerraform.call(provider));
        expect(JSON.stringify(provider.toTerraform())).toBe(JSON.stringify(standard));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  test("a generated binding that synthesizes only the attributes set renders what the full binding renders", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    const alarm = new CloudwatchMetricAlarm(stack, "a", { alarmName: "x", comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 1, threshold: 1 });
    const full = Object.getPrototypeOf(Object.getPrototypeOf(alarm)) as { synthesizeAttributes(): Record<string, unknown> };
    const withUnset = full.synthesizeAttributes.call(alarm);
    expect(Object.values(withUnset).some((value) => value === undefined)).toBe(true);
    expect(JSON.stringify(resolve(stack, (alarm as unknown as { synthesizeAttributes(): unknown }).synthesizeAttributes()))).toBe(
      JSON.stringify(resolve(stack, withUnset)),
    );
  });
});
