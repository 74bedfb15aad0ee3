import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Formats every stack's cdk.tf the way `terraform fmt` does, with the formatter the cdktf CLI
 * itself runs after the app (@cdktf/hcl-tools): `npm run synth --hcl`-style runs without the
 * CLI then write the same bytes as `cdktf synth --hcl`.
 */
export async function formatHclStacks(outdir: string): Promise<void> {
  const { format } = await import("@cdktf/hcl-tools");
  const stacks = join(outdir, "stacks");
  for (const name of readdirSync(stacks)) {
    const file = join(stacks, name, "cdk.tf");
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    writeFileSync(file, await format(text));
  }
}

/**
 * Repairs cdktf 0.21's HCL output (`cdktf synth --hcl`) so terraform validates it without
 * warnings and it reads like hand-written Terraform:
 *  - `provider = "aws.us_east_1"` and quoted `depends_on` entries are quoted references,
 *    which terraform warns are deprecated; they become bare references;
 *  - interpolation-only strings (`arn = "${aws_sns_topic.alerts.arn}"`) become the bare
 *    expression, and empty lists lose the blank line cdktf puts in them. Heredoc bodies
 *    (policy documents) are left alone: there the quotes belong to the JSON text;
 *  - lifecycle conditions rendered as a list attribute become blocks.
 */
export function repairHcl(text: string): string {
  return repairReferences(conditionBlocks(text));
}

/**
 * cdktf renders `lifecycle { postcondition = [ { ... }, ] }`: an attribute, which terraform
 * refuses (conditions are blocks). Each item becomes a `postcondition { ... }` (or
 * precondition) block; the formatter that runs afterwards aligns it.
 */
function conditionBlocks(text: string): string {
  const out: string[] = [];
  let block: { indent: string; name: string } | undefined;
  for (const line of text.split("\n")) {
    if (!block) {
      const start = /^(\s*)(postcondition|precondition)\s*=\s*\[\s*$/.exec(line);
      if (start) block = { indent: start[1], name: start[2] };
      else out.push(line);
      continue;
    }
    if (/^\s*\]\s*$/.test(line)) block = undefined;
    else if (/^\s*\{\s*$/.test(line)) out.push(`${block.indent}${block.name} {`);
    else if (/^\s*\},?\s*$/.test(line)) out.push(`${block.indent}}`);
    else out.push(line);
  }
  return out.join("\n");
}

function repairReferences(text: string): string {
  const out: string[] = [];
  let heredocEnd: string | undefined;
  let inDependsOn = false;
  for (const line of text.split("\n")) {
    if (heredocEnd !== undefined) {
      if (line.trim() === heredocEnd) heredocEnd = undefined;
      out.push(line);
      continue;
    }
    let fixed = line.replace(/^(\s*provider\s*=\s*)"([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)"\s*$/, "$1$2");
    if (/^\s*depends_on\s*=\s*\[\s*$/.test(fixed)) inDependsOn = true;
    else if (inDependsOn) {
      if (/^\s*\]/.test(fixed)) inDependsOn = false;
      else fixed = fixed.replace(/^(\s*)"([A-Za-z0-9_.[\]-]+)"(,?)\s*$/, "$1$2$3");
    }
    fixed = fixed.replace(/"\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_]+|\[\d+\])*)\}"/g, "$1");
    const heredoc = /<<-?([A-Z_]+)\s*$/.exec(fixed);
    if (heredoc) heredocEnd = heredoc[1];
    out.push(fixed);
  }
  return out.join("\n").replace(/= \[\n[ \t]*\n[ \t]*\]/g, "= []");
}

/** `removed` blocks in HCL: cdktf 0.21 renders them in JSON but drops them from HCL output. */
export function removedBlocksHcl(blocks: readonly { from: string; lifecycle: { destroy: boolean } }[]): string {
  return blocks.map((block) => `\nremoved {\n  from = ${block.from}\n  lifecycle {\n    destroy = ${block.lifecycle.destroy}\n  }\n}\n`).join("");
}
