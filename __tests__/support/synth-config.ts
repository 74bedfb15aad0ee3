import { synthesizeToTexts } from "../../lib/synth/synth-stacks";
import { loadFrom } from "./temp-config";

/** Synthesizes a config text (as `npm run synth` would) and returns each stack's cdk.tf.json text, by stack name. */
export function synthConfigText(config: string, extra: Record<string, string> = {}): Map<string, string> {
  return synthesizeToTexts(loadFrom(config, extra).model);
}
