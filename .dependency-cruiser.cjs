"use strict";
/**
 * The layers of lib/, lowest first (docs/architecture.md draws them). A module may import from
 * its own folder and from any lower layer; importing from a higher layer, from another folder
 * of its own layer, or around a circle fails `npm run lint`. A new folder under lib/ must be
 * given a layer here before anything can import it. Run by `npm run lint`.
 */
const LAYERS = [
  ["lib/source"], // reading a user's files with positions, problems, schema validation
  ["lib/pattern", "lib/terraform"], // the filter-pattern engine; the synthesized Terraform's format and provider facts
  ["lib/model", "lib/events", "lib/output"], // the typed model and AWS facts; CloudTrail events; the output folder
  ["lib/scanners"], // compliance scanners' data and evaluators
  ["lib/config"], // schema, defaults, loading a config into the model
  ["lib/policies", "lib/aws.ts"], // IAM policy documents; the one place provider classes are imported
  ["lib/constructs"],
  ["lib/stacks"],
  ["lib/synth"], // the cdktf app and synthesis
  ["lib/review", "lib/simulate", "lib/compliance", "lib/evidence", "lib/pipeline"], // what reads a synthesized config
  ["lib/commands"],
  ["main.ts", "tools"], // the app's entry point; the launcher and the benchmark
];

const pathOf = (folders) => `^(${folders.map((folder) => folder.replace(/\./g, "\\.")).join("|")})(/|$)`;
const everyLayer = pathOf(LAYERS.flat());

const upward = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `upward-from-${layer[0].replace(/\W+/g, "-")}`,
  comment: `${layer.join(", ")} may not import from a higher layer: ${LAYERS.slice(index + 1)
    .flat()
    .join(", ")}`,
  severity: "error",
  from: { path: pathOf(layer) },
  to: { path: pathOf(LAYERS.slice(index + 1).flat()) },
}));

const sideways = LAYERS.flatMap((layer) =>
  layer.length < 2
    ? []
    : layer.map((folder) => ({
        name: `sideways-from-${folder.replace(/\W+/g, "-")}`,
        comment: `${folder} may not import from its peers in the same layer (${layer.filter((other) => other !== folder).join(", ")}): move what both need down a layer`,
        severity: "error",
        from: { path: pathOf([folder]) },
        to: { path: pathOf(layer.filter((other) => other !== folder)) },
      })),
);

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "an import circle: the modules on it cannot be read or tested one at a time",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "in-a-layer",
      comment: "every module under lib/ belongs to a layer listed in .dependency-cruiser.cjs",
      severity: "error",
      from: { path: "^lib/", pathNot: everyLayer },
      to: {},
    },
    {
      name: "to-a-layer",
      comment: "every module under lib/ belongs to a layer listed in .dependency-cruiser.cjs",
      severity: "error",
      from: {},
      to: { path: "^lib/", pathNot: everyLayer },
    },
    ...upward,
    ...sideways,
  ],
  options: {
    // Type-only imports count: a circle through types is still a circle for a reader.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    includeOnly: "^(lib|tools|main\\.ts)",
  },
};
