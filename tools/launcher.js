#!/usr/bin/env node
"use strict";
/**
 * Runs one of the project's TypeScript entry points (main.ts, lib/commands/*.ts) fast.
 * It bundles the entry with esbuild into node_modules/.cache/cis-baseline/ when a source
 * file changed since the last bundle, then runs the bundle with plain node: a bundled
 * cdktf loads in about a third of the time its many separate files take, and no
 * TypeScript compiler runs at synth time.
^ *   node tools/launcher.js main.ts          (what cdktf.json's "app" runs)
 *   node tools/launcher.js lib/commands/test-pattern.ts --rule root-account-usage events.json
 */
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const entryArg = process.argv[2];
if (!entryArg) {
  process.stderr.write("usage: node tools/launcher.js <entry.ts> [args...]\n");
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

/**
 * The bundle is stale when any file esbuild read to build it (recorded beside it from esbuild's
 * metafile: TypeScript, JSON, whatever an import reaches), the lockfile or this launcher is
 * newer than it, or is gone. Packages count through the lockfile.
 */
function isStale(file) {
  let built, inputs;
  try {
    built = fs.statSync(file).mtimeMs;
    inputs = JSON.parse(fs.readFileSync(`${file}.inputs.json`, "utf8"));
  } catch {
    return true;
  }
  // A list of paths, as build() writes it; anything else (a damaged cache) means rebuild.
  if (!Array.isArray(inputs) || !inputs.every((input) => typeof input === "string")) return true;
  return [path.join(root, "package-lock.json"), __filename, ...inputs.map((input) => path.resolve(root, input))].some((input) => {
    try {
      return fs.statSync(input).mtimeMs > built;
    } catch {
      return true;
    }
  });
}

function build(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  // Write to a private file and rename: parallel runs never see half a bundle.
  const temporary = `${to}.${process.pid}.tmp`;
  const result = require("esbuild").buildSync({
    entryPoints: [from],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile: temporary,
    metafile: true,
    absWorkingDir: root,
    logLevel: "error",
    legalComments: "none",
    // hcl-tools loads its WebAssembly formatter from files beside its own module.
    external: ["@cdktf/hcl-tools"],
    // The project root is this checkout's, wherever the bundle lives (node_modules may be a link into another checkout).
    define: { CIS_BUNDLED_ROOT: JSON.stringify(root) },
  });
  const sources = Object.keys(result.metafile.inputs).filter((input) => !input.split(/[\\/]/).includes("node_modules"));
  fs.writeFileSync(`${temporary}.inputs.json`, JSON.stringify(sources.map((input) => path.relative(root, path.resolve(root, input)))));
  fs.renameSync(`${temporary}.inputs.json`, `${to}.inputs.json`);
  fs.renameSync(temporary, to);
}
