import { PatternSyntaxError, parsePattern } from "../pattern";
import { leafConditions } from "../pattern/print";
import { ResourceChange, StackReview } from "./diff";

const CONTROL_TYPES = new Set(["aws_cloudwatch_log_metric_filter", "aws_cloudwatch_metric_alarm"]);
const TOPIC_TYPES = new Set(["aws_sns_topic", "aws_sns_topic_policy", "aws_sns_topic_subscription", "aws_kms_key", "aws_kms_alias"]);

/** The Markdown a reviewer pastes into a pull request: what the Terraform change means. */
export function renderReview(stacks: readonly StackReview[]): string {
  const changed = stacks.filter((stack) => stack.change !== "unchanged");
  const lines = ["# CIS baseline review", ""];
  if (changed.length === 0) {
    lines.push(`No changes in ${stacks.length} stack${stacks.length === 1 ? "" : "s"}.`);
    return `${lines.join("\n")}\n`;
  }
  lines.push(stacks.map((stack) => `\`${stack.name}\` ${stack.change}`).join(", "), "");
  const destructive = changed.flatMap((stack) => dangers(stack).map((danger) => `- \`${stack.name}\`: ${danger}`));
  if (destructive.length) lines.push("## Destroyed or replaced", "", ...destructive, "");
  for (const stack of changed) lines.push(...renderStack(stack));
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

function dangers(stack: StackReview): string[] {
  const out: string[] = [];
  if (stack.change === "removed") out.push("**stack removed**: its resources leave the config; `cdktf deploy` no longer manages them");
  if (stack.backend) out.push(`**state moves**: backend ${code(stack.backend.before)} -> ${code(stack.backend.after)}; Terraform starts from the new location's state`);
  for (const resource of stack.resources) {
    const address = `\`${resource.type}.${resource.name}\``;
    if (resource.change === "removed") out.push(`**destroyed** ${address}`);
    if (resource.replacedBy.length) {
      const why = resource.attributes.filter((attribute) => resource.replacedBy.includes(attribute.path.split(/[.[]/)[0]));
      const reasons = why.length
        ? why.map((attribute) => `${attribute.path}: ${short(attribute.before)} -> ${short(attribute.after)}`)
        : resource.replacedBy;
      out.push(`**replaced** ${address} (${reasons.join("; ")})`);
    }
  }
  return out;
}

function renderStack(stack: StackReview): string[] {
  const lines = [`## Stack \`${stack.name}\` (${stack.change})`, ""];
  const controls = stack.resources.filter((resource) => CONTROL_TYPES.has(resource.type));
  const analyzers = stack.resources.filter((resource) => resource.type === "aws_accessanalyzer_analyzer");
  const topics = stack.resources.filter((resource) => TOPIC_TYPES.has(resource.type));
  const others = stack.resources.filter((resource) => !CONTROL_TYPES.has(resource.type) && !TOPIC_TYPES.has(resource.type) && resource.type !== "aws_accessanalyzer_analyzer");

  if (controls.length) {
    lines.push("### Controls", "", "| control | change | details |", "|---|---|---|");
    const byName = new Map<string, ResourceChange[]>();
    for (const resource of controls) byName.set(resource.name, [...(byName.get(resource.name) ?? []), resource]);
    for (const [name, pair] of byName) lines.push(`| \`${name}\` | ${controlChange(pair)} | ${controlDetails(pair).join("<br>") || "-"} |`);
    lines.push("");
  }
  if (analyzers.length) {
    const regions = (change: string) => analyzers.filter((resource) => resource.change === change).map((resource) => `\`${resource.name}\``);
    lines.push("### Access Analyzer regions", "");
    if (regions("added").length) lines.push(`- added: ${regions("added").join(", ")}`);
    if (regions("removed").length) lines.push(`- removed: ${regions("removed").join(", ")}`);
    for (const resource of analyzers.filter((candidate) => candidate.change === "changed")) lines.push(`- changed \`${resource.name}\`: ${attributeList(resource).join("; ")}`);
    lines.push("");
  }
  if (topics.length) {
    lines.push("### Topics, subscriptions and keys", "");
    for (const resource of topics) lines.push(`- ${resource.change} \`${resource.type}.${resource.name}\`${describeResource(resource)}`);
    lines.push("");
  }
  if (others.length) {
    lines.push("### Other resources", "");
    for (const resource of others) lines.push(`- ${resource.change} \`${resource.type}.${resource.name}\`${describeResource(resource)}`);
    lines.push("");
  }
  return lines;
}

function controlChange(pair: readonly ResourceChange[]): string {
  const kinds = new Set(pair.map((resource) => resource.change));
  const moved = pair.find((resource) => resource.movedFrom);
  if (moved) return `moved from \`${moved.movedFrom!.split(".")[1]}\``;
  return kinds.size === 1 ? [...kinds][0] : "changed";
}

function controlDetails(pair: readonly ResourceChange[]): string[] {
  const details: string[] = [];
  for (const resource of pair) {
    const body = resource.after ?? resource.before ?? {};
    if (resource.change !== "changed") {
      if (resource.type === "aws_cloudwatch_metric_alarm") details.push(`alarm \`${body.alarm_name}\``);
      continue;
    }
    for (const attribute of resource.attributes) {
      if (attribute.path === "pattern") details.push(...patternChange(String(attribute.before), String(attribute.after)));
      else details.push(`${attribute.path}: ${short(attribute.before)} -> ${short(attribute.after)}`);
    }
  }
  return details;
}

/** Which conditions a pattern gained and lost; the full strings when they do not parse. */
function patternChange(before: string, after: string): string[] {
  try {
    const old = new Set(leafConditions(parsePattern(before)));
    const now = new Set(leafConditions(parsePattern(after)));
    const added = [...now].filter((condition) => !old.has(condition));
    const removed = [...old].filter((condition) => !now.has(condition));
    if (added.length === 0 && removed.length === 0) return ["pattern rewritten, same conditions"];
    return [...added.map((condition) => `pattern + \`${condition}\``), ...removed.map((condition) => `pattern - \`${condition}\``)];
  } catch (error) {
    if (!(error instanceof PatternSyntaxError)) throw error;
    return [`pattern: ${short(before)} -> ${short(after)}`];
  }
}

function describeResource(resource: ResourceChange): string {
  if (resource.change === "changed") return `: ${[...attributeList(resource), ...(resource.attributes.length ? [] : resource.replacedBy)].join("; ")}`;
  const body = resource.after ?? resource.before ?? {};
  const label = body.name ?? body.endpoint ?? body.analyzer_name;
  return label === undefined ? "" : ` (${short(label)})`;
}

function attributeList(resource: ResourceChange): string[] {
  const list = resource.attributes.map((attribute) => `${attribute.path}: ${short(attribute.before)} -> ${short(attribute.after)}`);
  return resource.movedFrom ? [`moved from \`${resource.movedFrom}\``, ...list] : list;
}

function short(value: unknown): string {
  if (value === undefined) return "(none)";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return code(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

function code(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
}
