#!/usr/bin/env node
"use strict";
/**
 * Runs one of the project's TypeScript entry points (main.ts, lib/commands/*.ts) fast.
 * It bundles the entry with esbuild into node_modules/.cache/cis-baseline/ when a source
 * file changed since the last bundle, then runs the bundle with plain node: a bundled
 * cdktf loads in about a third of the time its many separate files take, and no
 * TypeScript compiler runs at synth time.
 *   node lib/launcher.js main.ts            (what cdktf.json's "app" runs)
 *   node lib/launcher.js lib/commands/test-pattern.ts --rule root-account-usage events.json
 */
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const entryArg = process.argv[2];
if (!entryArg) {
  process.stderr.write("usage: node lib/launcher.js <entry.ts> [args...]\n");
  process.exit(2);
}
const entry = path.resolve(root, entryArg);
// One cache folder per checkout: `npm run review -- --base <ref>` runs another tree with this node_modules.
const cacheDir = path.join(root, "node_modules", ".cache", "cis-baseline", require("node:crypto").createHash("sha1").update(root).digest("hex").slice(0, 12));
const bundle = path.join(cacheDir, `${path.relative(root, entry).replace(/[\\/]/g, "__").replace(/\.ts$/, "")}.js`);

if (isStale(bundle)) build(entry, bundle);
// Run the bundle as the main module, with the argv it would see if started directly.
process.argv.splice(1, 2, bundle);
require("node:module").runMain();

/** The bundle is stale when any source (TypeScript, or JSON it imports), the lockfile or this launcher is newer than it. */
function isStale(file) {
  let built;
  try {
    built = fs.statSync(file).mtimeMs;
  } catch {
    return true;
  }
  const inputs = [path.join(root, "main.ts"), path.join(root, "package-lock.json"), __filename, ...walk(path.join(root, "lib"))];
  return inputs.some((input) => {
    try {
      return fs.statSync(input).mtimeMs > built;
    } catch {
      return false;
    }
  });
}

function walk(dir) {
  const files = [];
  for (const item of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) files.push(...walk(full));
    else if (/\.(ts|json)$/.test(item.name)) files.push(full);
  }
  return files;
}

function build(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  // Write to a private file and rename: parallel runs never see half a bundle.
  const temporary = `${to}.${process.pid}.tmp`;
  require("esbuild").buildSync({
    entryPoints: [from],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile: temporary,
    logLevel: "error",
    legalComments: "none",
    // hcl-tools loads its WebAssembly formatter from files beside its own module.
    external: ["@cdktf/hcl-tools"],
    // The project root is this checkout's, wherever the bundle lives (node_modules may be a link into another checkout).
    define: { CIS_BUNDLED_ROOT: JSON.stringify(root) },
  });
  fs.renameSync(temporary, to);
}
