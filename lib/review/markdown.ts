import { comparisonSymbol } from "../model/alarm-comparisons";
import { PatternSyntaxError, parsePattern } from "../pattern";
import { leafConditions } from "../pattern/print";
import { AttributeChange, ChangeSet, ResourceChange, StackChange } from "./change-set";
import { UNKNOWN } from "./predict";
import { ResourceNote, noteOf } from "../terraform/resource-notes";
import { StackJson, resourcesOf } from "../terraform/stack-json";
import { StackReader } from "../terraform/stack-reader";

/**
 * The Markdown a reviewer reads in a pull request: what terraform will do, in the terms of
 * the config (rule ids, topics, regions), with what destroys, replaces or orphans anything
 * first. The synth outputs, when given, supply the notes that name rules and topics and
 * the names that references point at.
 */
export interface ReviewSources {
  readonly base?: ReadonlyMap<string, StackJson>;
  readonly head?: ReadonlyMap<string, StackJson>;
  /** Sentences about how the review was made, printed first (e.g. the base's packages differ). */
  readonly notes?: readonly string[];
}

const VERBS: Record<string, string> = {
  create: "to add",
  update: "to change",
  replace: "to replace",
  delete: "to destroy",
  forget: "to forget",
};

/** GitHub refuses a pull request comment of more than 65,536 characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/**
 * The review, or, when it is longer than `maxChars`, the part a reader must see first: the
 * summary, every line that needs attention (as many as fit) and one line per changed
 * stack, then where the rest is (the full review goes to the CI job's summary, which
 * takes a megabyte).
 */
export function renderReviewWithin(changes: ChangeSet, sources: ReviewSources, maxChars: number, rest: string): string {
  const full = renderReview(changes, sources);
  if (full.length <= maxChars) return full;
  const changed = changes.stacks.filter((stack) => stack.status !== "unchanged");
  const ending = `\n_${rest} (the full review is ${full.length.toLocaleString("en-US")} characters; a pull request comment takes ${maxChars.toLocaleString("en-US")})._\n`;
  const lines = ["# CIS baseline review (condensed)", ""];
  for (const note of sources.notes ?? []) lines.push(`> ${note}`, "");
  const attention = [
    ...movesBetweenStacks(changes.stacks),
    ...changed.flatMap((stack) => needsAttention(stack, sources).map((line) => `- \`${stack.name}\`: ${line}`)),
  ];
  const sections: [string, string[]][] = [
    ["## Needs attention", attention],
    [`## ${changed.length} of ${changes.stacks.length} stacks change`, changed.map((stack) => `- \`${stack.name}\`: ${summary(stack)}`)],
  ];
  let size = lines.join("\n").length + ending.length + 200;
  for (const [title, items] of sections) {
    if (items.length === 0) continue;
    lines.push(title, "");
    size += title.length + 2;
    let shown = 0;
    for (const item of items) {
      const line = item.length > 2000 ? `${item.slice(0, 1997)}...` : item;
      if (size + line.length + 1 > maxChars - 200) break;
      lines.push(line);
      size += line.length + 1;
      shown++;
    }
    if (shown < items.length) {
      const more = `- … and ${items.length - shown} more`;
      lines.push(more);
      size += more.length + 1;
    }
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n${ending}`;
}

export function renderReview(changes: ChangeSet, sources: ReviewSources = {}): string {
  const lines = ["# CIS baseline review", ""];
  for (const note of sources.notes ?? []) lines.push(`> ${note}`, "");
  const changed = changes.stacks.filter((stack) => stack.status !== "unchanged");
  if (changes.newConfig) lines.push("**New config**: nothing of it exists on the base, so every stack below is new and everything is added.", "");
  if (changed.length === 0) {
    lines.push(`No changes in ${changes.stacks.length} stack${changes.stacks.length === 1 ? "" : "s"}: terraform will plan nothing.`);
    return `${lines.join("\n")}\n`;
  }
  const unchanged = changes.stacks.length - changed.length;
  lines.push(
    `${changed.map((stack) => `\`${stack.name}\` (${summary(stack)})`).join(", ")}${unchanged ? `; ${unchanged} stack${unchanged === 1 ? "" : "s"} unchanged` : ""}.`,
    "",
  );

  const attention = [
    ...movesBetweenStacks(changes.stacks),
    ...changed.flatMap((stack) => needsAttention(stack, sources).map((line) => `- \`${stack.name}\`: ${line}`)),
  ];
  if (attention.length) lines.push("## Needs attention", "", ...attention, "");
  for (const stack of changed) lines.push(...renderStack(stack, sources));
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

/**
 * A resource one stack forgets and another creates at the same address has moved between
 * the account's stacks (regions into their groups' stacks): terraform creates it from
 * nothing unless the new stack imports it, and AWS refuses a second analyzer of one name.
 */
function movesBetweenStacks(stacks: readonly StackChange[]): string[] {
  const lines: string[] = [];
  for (const from of stacks) {
    for (const forgotten of from.resources.filter((resource) => resource.action === "forget")) {
      for (const to of stacks) {
        if (to === from) continue;
        const arriving = to.resources.find(
          (resource) => resource.address === forgotten.address && (resource.action === "create" || resource.importId !== undefined),
        );
        if (!arriving) continue;
        lines.push(
          arriving.importId !== undefined
            ? `- \`${forgotten.address}\` moves from \`${from.name}\` (forgotten, not destroyed) to \`${to.name}\`, which imports it`
            : `- **moves between stacks**: \`${forgotten.address}\` leaves \`${from.name}\` (forgotten, not destroyed) for \`${to.name}\`, which creates it — that fails while it exists: deploy this once with \`access_analyzer.import_existing: true\`, so that \`${to.name}\` imports it instead`,
        );
      }
    }
  }
  return lines;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** "2 to add, 1 to destroy" — terraform's counts, plus moves and imports. */
export function summary(stack: StackChange): string {
  if (stack.status === "orphaned") {
    return stack.orphaned.length
      ? `removed from the config: ${count(stack.orphaned.length, "resource")} orphaned`
      : "removed from the config; it managed nothing";
  }
  const counts = new Map<string, number>();
  for (const resource of stack.resources) {
    const verb = VERBS[resource.action];
    if (verb) counts.set(verb, (counts.get(verb) ?? 0) + 1);
    if (resource.movedFrom) counts.set("moved", (counts.get("moved") ?? 0) + 1);
    if (resource.importId !== undefined) counts.set("to import", (counts.get("to import") ?? 0) + 1);
  }
  const parts = [...Object.values(VERBS), "to import", "moved"].filter((verb) => counts.has(verb)).map((verb) => `${counts.get(verb)} ${verb}`);
  if (stack.providers.length) parts.push("provider settings change");
  if (stack.backend) parts.push("state moves");
  if (stack.outputs) parts.push("outputs change");
  const prefix = stack.status === "new" ? "new stack: " : "";
  return `${prefix}${parts.join(", ") || "no resource changes"}`;
}

function needsAttention(stack: StackChange, sources: ReviewSources): string[] {
  const out: string[] = stack.blockers.map((blocker) => `**cannot plan**: ${blocker}`);
  if (stack.status === "orphaned" && stack.orphaned.length) {
    out.push(
      `**removed from the config**: ${stack.orphaned.length === 1 ? "its resource is" : `its ${stack.orphaned.length} resources are`} **orphaned, not destroyed** — terraform is no longer run for this stack, so they keep running in AWS, unmanaged, and its state stays where it was. To destroy them first, keep the account with \`decommission: true\` for one deploy, then remove it.`,
    );
  }
  if (stack.backend) {
    out.push(
      `**state moves**: backend ${code(stack.backend.before)} → ${code(stack.backend.after)}. Deploy with \`cdktf deploy ${stack.name} --migrate-state\` (or \`terraform init -migrate-state\`); otherwise terraform starts from the new location's state and creates everything again.`,
    );
  }
  out.push(...identityChanges(stack));
  const confirm: string[] = [];
  for (const resource of stack.resources) {
    const what = describeResource(stack.name, resource, sources);
    if (resource.type === "aws_cloudwatch_log_group" && resource.action === "delete") {
      out.push(`**destroyed** ${what}: deleting the log group deletes every CloudTrail event in it, and the trail stops delivering to CloudWatch Logs`);
    } else if (resource.action === "delete") out.push(`**destroyed** ${what}`);
    if (resource.type === "aws_cloudwatch_log_group" && resource.action === "create" && stack.status === "changed") {
      out.push(
        `**log group now created by this stack** ${what}: ${code(resource.after?.name)} — if it exists already (a trail writes to it), apply fails with ResourceAlreadyExistsException; import it first (\`terraform import ${resource.address} <name>\`)`,
      );
    }
    const protocol = String((resource.after ?? {}).protocol ?? "");
    if (
      resource.type === "aws_sns_topic_subscription" &&
      (resource.action === "create" || resource.action === "replace") &&
      CONFIRMED_PROTOCOLS.has(protocol)
    ) {
      confirm.push(`${noteFor(stack.name, resource, sources)?.subscription ?? code(resource.address)}${resource.action === "replace" ? " (replaced)" : ""}`);
    }
    if (resource.action === "replace") {
      const because = resource.attributes.filter((attribute) => resource.replacedBecause.includes(attribute.path.split(/[.[]/)[0]));
      const reasons = because.length
        ? because.map((attribute) => `${attribute.path}: ${value(attribute.before, stack.name, sources)} → ${value(attribute.after, stack.name, sources)}`)
        : resource.replacedBecause;
      out.push(`**replaced** (destroyed, then created) ${what}: ${reasons.join("; ")}`);
    }
    if (resource.action === "forget") out.push(`**forgotten** ${what}: terraform stops managing it without deleting it`);
    if (resource.importId !== undefined)
      out.push(`**imported** ${what} from ${code(resource.importId)}: the plan needs AWS to read it, and fails if it does not exist`);
  }
  if (confirm.length) {
    out.push(
      `**subscriptions to confirm**: ${confirm.map((item) => (item.startsWith("`") ? item : code(item))).join(", ")} — each gets a confirmation message from SNS, and no alarm reaches it until someone confirms (a replaced subscription must be confirmed again)`,
    );
  }
  return out;
}

/** Protocols whose subscriptions SNS only delivers to after the endpoint confirms. */
const CONFIRMED_PROTOCOLS = new Set(["email", "email-json", "https", "http"]);

/**
 * Provider changes that point the stack at another account or region: the state stays,
 * so terraform looks for its resources where they are not, creates new ones, and the old
 * ones stay behind, unmanaged.
 */
function identityChanges(stack: StackChange): string[] {
  const out: string[] = [];
  for (const provider of stack.providers) {
    const region = provider.attributes.find((attribute) => attribute.path === "region");
    if (provider.provider === "aws" && region) {
      out.push(
        `**home region changes** ${code(region.before)} → ${code(region.after)}: terraform looks for this stack's resources in the new region, does not find them, and creates new ones; the old ones stay in ${code(region.before)}, unmanaged. Decommission first to remove them.`,
      );
    }
    if (provider.provider === "aws.chatbot" && region) {
      out.push(
        `**Chatbot region changes** ${code(region.before)} → ${code(region.after)}: the stack's AWS Chatbot channel configurations are read and written through the new region's API; check the plan — if they are created again, the old configurations keep posting until they are deleted.`,
      );
    }
  }
  const accounts = stack.providers
    .find((provider) => provider.provider === "aws")
    ?.attributes.filter((attribute) => attribute.path.startsWith("allowed_account_ids"));
  if (accounts?.length) {
    const before = accounts.map((attribute) => attribute.before).filter((value) => value !== undefined);
    const after = accounts.map((attribute) => attribute.after).filter((value) => value !== undefined);
    out.push(
      `**account id changes** ${code(before.join(", ") || "(none)")} → ${code(after.join(", ") || "(none)")}: the state still holds the resources of the old account; with the new account's credentials terraform does not find them and creates everything again there, and the old account keeps its resources, unmanaged. If the old id was a mistake, fix it; to move the baseline, decommission the old account first.`,
    );
  }
  return out;
}

function renderStack(stack: StackChange, sources: ReviewSources): string[] {
  const lines = [`## \`${stack.name}\` — ${summary(stack)}`, ""];
  if (stack.status === "orphaned") {
    lines.push(
      ...resourceTable(
        stack.orphaned.map((resource) => ({ ...resource, action: "orphaned" as const })),
        stack.name,
        sources,
      ),
    );
    return lines;
  }
  const groups = groupResources(stack.resources, stack.name, sources);
  if (groups.rules.size) {
    lines.push("### Rules", "");
    for (const [rule, resources] of groups.rules) lines.push(...renderRule(rule, resources, stack.name, sources));
    lines.push("");
  }
  if (groups.analyzers.length) {
    lines.push("### Access Analyzer", "");
    for (const resource of groups.analyzers) {
      const note = noteFor(stack.name, resource, sources);
      const body = resource.after ?? resource.before ?? {};
      const label = `${note?.region ?? resource.name}: ${code(body.analyzer_name)} (${String(body.type ?? "ACCOUNT")})`;
      lines.push(`- ${verb(resource)} ${label}${attributeSuffix(resource, stack.name, sources)}`);
    }
    lines.push("");
  }
  if (groups.topics.size) {
    lines.push("### Topics", "");
    for (const [topic, resources] of groups.topics) {
      lines.push(`- topic \`${topic}\``);
      for (const resource of resources)
        lines.push(`  - ${verb(resource)} ${resourceLabel(stack.name, resource, sources)}${attributeSuffix(resource, stack.name, sources)}`);
    }
    lines.push("");
  }
  if (groups.others.length) {
    lines.push("### Other resources", "");
    for (const resource of groups.others) lines.push(`- ${verb(resource)} \`${resource.address}\`${attributeSuffix(resource, stack.name, sources)}`);
    lines.push("");
  }
  if (stack.providers.length) {
    lines.push("### Providers", "");
    // Regional stacks change all their providers alike: one line per distinct change.
    const byChange = new Map<string, string[]>();
    for (const provider of stack.providers) {
      const text = provider.change !== "changed" ? provider.change : provider.attributes.map((attribute) => providerChange(attribute)).join("; ");
      byChange.set(text, [...(byChange.get(text) ?? []), provider.provider]);
    }
    for (const [text, providers] of byChange) {
      const which =
        providers.length > 3
          ? `${providers.length} providers (\`${providers[0]}\` … \`${providers[providers.length - 1]}\`)`
          : providers.map((provider) => `\`${provider}\``).join(", ");
      lines.push(`- ${which}: ${text}`);
    }
    lines.push("");
  }
  if (stack.outputs) {
    lines.push("### Outputs", "");
    if (stack.outputs.added.length) lines.push(`- added ${stack.outputs.added.map((name) => `\`${name}\``).join(", ")}`);
    if (stack.outputs.removed.length) {
      lines.push(
        `- **removed** ${stack.outputs.removed.map((name) => `\`${name}\``).join(", ")}: whatever reads them (terraform_remote_state, \`terraform output\`) breaks`,
      );
    }
    lines.push("");
  }
  lines.push(...resourceTable(stack.resources, stack.name, sources));
  return lines;
}

function providerChange(attribute: AttributeChange): string {
  const path = attribute.path
    .replace(/^default_tags\[0\]\.tags\./, "default tag ")
    .replace(/^assume_role\[0\]\./, "assume role ")
    .replace(/^allowed_account_ids/, "allowed account ids");
  return `${path}: ${short(attribute.before)} → ${short(attribute.after)}`;
}

/** Every resource change, one row each: exactly the addresses terraform's plan lists. */
function resourceTable(resources: readonly (Omit<ResourceChange, "action"> & { action: string })[], stack: string, sources: ReviewSources): string[] {
  if (resources.length === 0) return [];
  const rows = resources.map((resource) => {
    const action = [
      resource.action === "no-op" ? "" : resource.action,
      resource.movedFrom ? `moved from \`${resource.movedFrom}\`` : "",
      resource.importId !== undefined ? "import" : "",
    ]
      .filter(Boolean)
      .join(", ");
    const note = noteFor(stack, resource as ResourceChange, sources);
    const about = note?.rule ? `rule ${note.rule.id}` : note?.region ? `region ${note.region}` : note?.topic ? `topic ${note.topic}` : "";
    return `| ${action.replace(/\|/g, "\\|")} | \`${resource.address}\` | ${about} |`;
  });
  return [
    `<details><summary>${resources.length} resource${resources.length === 1 ? "" : "s"}, as terraform plans them</summary>`,
    "",
    "| action | address | for |",
    "|---|---|---|",
    ...rows,
    "",
    "</details>",
    "",
  ];
}

interface Groups {
  readonly rules: Map<string, ResourceChange[]>;
  readonly analyzers: ResourceChange[];
  readonly topics: Map<string, ResourceChange[]>;
  readonly others: ResourceChange[];
}

function groupResources(resources: readonly ResourceChange[], stack: string, sources: ReviewSources): Groups {
  const groups: Groups = { rules: new Map(), analyzers: [], topics: new Map(), others: [] };
  for (const resource of resources) {
    const note = noteFor(stack, resource, sources);
    if (resource.type === "aws_cloudwatch_log_metric_filter" || resource.type === "aws_cloudwatch_metric_alarm") {
      const key = note?.rule?.id ?? resource.name;
      groups.rules.set(key, [...(groups.rules.get(key) ?? []), resource]);
    } else if (resource.type === "aws_accessanalyzer_analyzer") groups.analyzers.push(resource);
    else if (note?.topic !== undefined) groups.topics.set(note.topic, [...(groups.topics.get(note.topic) ?? []), resource]);
    else groups.others.push(resource);
  }
  return groups;
}

function renderRule(rule: string, resources: readonly ResourceChange[], stack: string, sources: ReviewSources): string[] {
  const note = resources.map((resource) => noteFor(stack, resource, sources)?.rule).find(Boolean);
  // A rule's own filter and alarm have the shortest addresses; scanner variants and per-account ones add a suffix.
  const byType = (type: string) =>
    resources.filter((resource) => resource.type === type).sort((a, b) => a.name.length - b.name.length || (a.name < b.name ? -1 : 1));
  const [filter, ...otherFilters] = byType("aws_cloudwatch_log_metric_filter");
  const [alarm, ...otherAlarms] = byType("aws_cloudwatch_metric_alarm");
  const several = (resource: ResourceChange) => (resource.type === "aws_cloudwatch_metric_alarm" ? otherAlarms.length > 0 : otherFilters.length > 0);
  const what = (resource: ResourceChange) =>
    `${resource.type === "aws_cloudwatch_metric_alarm" ? "alarm" : "filter"}${several(resource) ? ` \`${resource.name}\`` : ""}`;
  const moved = resources.find((resource) => resource.movedFrom)?.movedFrom;
  const presence = rulePresence(rule, resources, stack, sources);
  const kind = presence === "added" ? "added" : presence === "removed" ? "removed (destroyed)" : moved ? `renamed from \`${moved.split(".")[1]}\`` : "changed";
  const title = note ? ` ${note.title} (${note.severity}${note.references.length ? `; ${note.references.join(", ")}` : ""})` : "";
  const lines = [`- **${kind}** \`${rule}\`${title}`];
  if (kind === "added") {
    const filterBody = filter?.after ?? {};
    const alarmBody = alarm?.after ?? {};
    const metric = StackReader.transformation(filterBody);
    if (filterBody.pattern !== undefined) lines.push(`  - pattern ${code(filterBody.pattern)}`);
    if (metric)
      lines.push(
        `  - metric \`${String(metric.namespace)}/${String(metric.name)}\`, ${String(metric.value)} per match${metric.default_value !== undefined ? `, ${String(metric.default_value)} otherwise` : ""}`,
      );
    if (alarm)
      lines.push(
        `  - alarm ${code(alarmBody.alarm_name)}: ${alarmCondition(alarmBody)}; notifies ${topicsOf(alarmBody.alarm_actions, stack, sources)}${asArray(alarmBody.ok_actions).length ? ", also when it returns to OK" : ""}`,
      );
    for (const other of otherFilters) {
      const body = other.after ?? {};
      const transformation = StackReader.transformation(body);
      lines.push(
        `  - also filter ${code(body.name)}: pattern ${code(body.pattern)}, ${String(transformation?.value)} per match into \`${String(transformation?.name)}\``,
      );
    }
    for (const other of otherAlarms) lines.push(`  - also alarm ${code(other.after?.alarm_name)}`);
    return lines;
  }
  if (kind.startsWith("removed")) return lines;
  for (const resource of resources) {
    for (const attribute of resource.attributes) {
      if (attribute.path === "pattern" && typeof attribute.before === "string" && typeof attribute.after === "string") {
        const prefix = several(resource) ? `${what(resource)}: ` : "";
        lines.push(...patternChange(attribute.before, attribute.after).map((line) => `  - ${prefix}${line}`));
      } else lines.push(`  - ${what(resource)} ${attribute.path}: ${value(attribute.before, stack, sources)} → ${value(attribute.after, stack, sources)}`);
    }
    if (resource.action === "create" && kind !== "added") lines.push(`  - **added** ${what(resource)}${several(resource) ? "" : ` \`${resource.name}\``}`);
    if (resource.action === "delete" && !kind.startsWith("removed"))
      lines.push(`  - **destroyed** ${what(resource)}${several(resource) ? "" : ` \`${resource.name}\``}`);
    if (resource.action === "replace") lines.push(`  - the ${what(resource)} is replaced (${resource.replacedBecause.join(", ")})`);
  }
  return lines;
}

/**
 * Whether the rule itself is new, gone or still there — decided by the rule, not by which of
 * its resources change: a scanner variant dropped or per-account alarms added change a rule
 * that stays. With the synth outputs at hand, a rule is there when any resource of the
 * stack carries its note; from a plan alone, by its own filter and alarm (the addresses named
 * after the rule).
 */
function rulePresence(rule: string, resources: readonly ResourceChange[], stack: string, sources: ReviewSources): "added" | "removed" | "kept" {
  if (sources.base && sources.head) {
    const has = (side: ReadonlyMap<string, StackJson> | undefined) =>
      [...resourcesOf(side?.get(stack)).values()].some((body) => noteOf(body)?.rule?.id === rule);
    const before = has(sources.base);
    const after = has(sources.head);
    return before === after ? "kept" : after ? "added" : "removed";
  }
  const own = resources.filter((resource) => resource.name === rule || resource.name === rule.replace(/[^A-Za-z0-9_]+/g, "_"));
  if (own.length === 0) return "kept";
  if (own.every((resource) => resource.action === "create")) return "added";
  if (own.every((resource) => resource.action === "delete")) return "removed";
  return "kept";
}

function alarmCondition(alarm: Readonly<Record<string, unknown>>): string {
  const comparison = comparisonSymbol(String(alarm.comparison_operator));
  const datapoints = alarm.datapoints_to_alarm ?? alarm.evaluation_periods;
  return `${String(alarm.statistic)} ${comparison} ${String(alarm.threshold)} in ${String(datapoints)} of ${String(alarm.evaluation_periods)} × ${String(alarm.period)} s, missing data ${String(alarm.treat_missing_data ?? "missing")}`;
}

/** Which conditions a pattern gained and lost; the full strings when they do not parse. */
function patternChange(before: string, after: string): string[] {
  try {
    const old = new Set(leafConditions(parsePattern(before)));
    const now = new Set(leafConditions(parsePattern(after)));
    const added = [...now].filter((condition) => !old.has(condition));
    const removed = [...old].filter((condition) => !now.has(condition));
    const lines = [...added.map((condition) => `pattern + \`${condition}\``), ...removed.map((condition) => `pattern − \`${condition}\``)];
    return [...(lines.length ? lines : ["pattern rewritten with the same conditions"]), `pattern now ${code(after)}`];
  } catch (error) {
    if (!(error instanceof PatternSyntaxError)) throw error;
    return [`pattern: ${code(before)} → ${code(after)}`];
  }
}

function verb(resource: ResourceChange): string {
  const words: Record<string, string> = {
    create: "added",
    update: "changed",
    replace: "**replaced**",
    delete: "**destroyed**",
    forget: "forgotten",
    "no-op": "",
  };
  const parts = [
    words[resource.action],
    resource.movedFrom ? `moved from \`${resource.movedFrom}\`` : "",
    resource.importId !== undefined ? `imported (${code(resource.importId)})` : "",
  ];
  return parts.filter(Boolean).join(", ");
}

function attributeSuffix(resource: ResourceChange, stack: string, sources: ReviewSources): string {
  if (resource.attributes.length === 0) return "";
  return `: ${resource.attributes.map((attribute) => `${attribute.path}: ${value(attribute.before, stack, sources)} → ${value(attribute.after, stack, sources)}`).join("; ")}`;
}

function resourceLabel(stack: string, resource: ResourceChange, sources: ReviewSources): string {
  const note = noteFor(stack, resource, sources);
  const body = resource.after ?? resource.before ?? {};
  const kinds: Record<string, string> = {
    aws_sns_topic: "SNS topic",
    aws_sns_topic_policy: "topic policy",
    aws_sns_topic_subscription: "subscription",
    aws_kms_key: "KMS key",
    aws_kms_alias: "KMS alias",
    aws_cloudwatch_dashboard: "dashboard",
  };
  const kind = kinds[resource.type] ?? resource.type;
  if (note?.subscription) return `${kind} ${code(note.subscription)}`;
  const name = body.name ?? body.alarm_name ?? body.analyzer_name ?? body.dashboard_name;
  return `${kind}${name !== undefined ? ` ${code(name)}` : ""}`;
}

function describeResource(stack: string, resource: ResourceChange, sources: ReviewSources): string {
  const note = noteFor(stack, resource, sources);
  const about = note?.rule
    ? ` (rule \`${note.rule.id}\`)`
    : note?.region
      ? ` (region ${note.region})`
      : note?.topic !== undefined
        ? ` (topic \`${note.topic}\`)`
        : "";
  return `\`${resource.address}\`${about}`;
}

function noteFor(
  stack: string,
  resource: Pick<ResourceChange, "address" | "before" | "after" | "movedFrom">,
  sources: ReviewSources,
): ResourceNote | undefined {
  return (
    noteOf(resource.after) ??
    noteOf(resource.before) ??
    noteOf(resourcesOf(sources.head?.get(stack)).get(resource.address)) ??
    noteOf(resourcesOf(sources.base?.get(stack)).get(resource.movedFrom ?? resource.address))
  );
}

/** Names the topics an alarm action list points at. */
function topicsOf(actions: unknown, stack: string, sources: ReviewSources): string {
  const topics = asArray(actions).map((action) => value(action, stack, sources));
  return topics.join(", ") || "nobody";
}

/** A value for a reader: references and tokens become the name of what they point at. */
function value(raw: unknown, stack: string, sources: ReviewSources): string {
  if (raw === UNKNOWN) return "_(known after apply)_";
  if (typeof raw === "string") {
    const reference = /^(?:\$\{|<)([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)(?:\}|>)$/.exec(raw);
    if (reference) {
      const [, type, name, attribute] = reference;
      const body = resourcesOf(sources.head?.get(stack)).get(`${type}.${name}`) ?? resourcesOf(sources.base?.get(stack)).get(`${type}.${name}`);
      const note = noteOf(body);
      if (type === "aws_sns_topic" && note?.topic !== undefined) return `topic \`${note.topic}\``;
      const label = body?.name ?? body?.alarm_name;
      return label !== undefined ? `${attribute} of ${code(label)}` : `${attribute} of \`${type}.${name}\``;
    }
  }
  return short(raw);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

function short(raw: unknown): string {
  if (raw === undefined || raw === null) return "(none)";
  const text = typeof raw === "string" ? raw : JSON.stringify(raw);
  return code(text.length > 120 ? `${text.slice(0, 117)}...` : text);
}

function code(raw: unknown): string {
  const text = typeof raw === "string" ? raw : JSON.stringify(raw);
  return `\`${String(text).replace(/`/g, "'").replace(/\n/g, " ")}\``;
}
