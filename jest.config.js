/**
 * Two projects: `unit` (fast, pure TypeScript and cdktf synth in memory) and `terraform`
 * (runs the terraform binary against synthesized stacks; slower, timed on its own).
 * @swc/jest strips types without type-checking; `npm run typecheck` (tsc --noEmit) does that.
 */
const transform = {
  "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } } }],
  // GitHub's own expression evaluator ships as ES modules only: compiled to CommonJS for jest.
  "/node_modules/@actions/expressions/.+\\.js$": ["@swc/jest", { jsc: { target: "es2022" }, module: { type: "commonjs" } }],
};
const esmOnly = {
  transformIgnorePatterns: ["/node_modules/(?!@actions/expressions/)"],
  moduleNameMapper: { "^@actions/expressions$": "<rootDir>/node_modules/@actions/expressions/dist/index.js" },
};

/** @type {import('jest').Config} */
module.exports = {
  // Two workers even on two cores: terraform runs spend much of their time waiting on the provider.
  maxWorkers: 2,
  globalSetup: "<rootDir>/__tests__/support/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/support/global-teardown.ts",
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      transform,
      ...esmOnly,
      testMatch: ["<rootDir>/__tests__/**/*.test.ts"],
      testPathIgnorePatterns: ["<rootDir>/__tests__/terraform/"],
    },
    {
      displayName: "terraform",
      testEnvironment: "node",
      transform,
      ...esmOnly,
      testMatch: ["<rootDir>/__tests__/terraform/**/*.test.ts"],
    },
  ],
};
