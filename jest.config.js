/**
 * Two projects: `unit` (fast, pure TypeScript and cdktf synth in memory) and `terraform`
 * (runs the terraform binary against synthesized stacks; slower, timed on its own).
 * @swc/jest strips types without type-checking; `npm run typecheck` (tsc --noEmit) does that.
 */
const transform = { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } } }] };

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
      testMatch: ["<rootDir>/__tests__/**/*.test.ts"],
      testPathIgnorePatterns: ["<rootDir>/__tests__/terraform/"],
    },
    {
      displayName: "terraform",
      testEnvironment: "node",
      transform,
      testMatch: ["<rootDir>/__tests__/terraform/**/*.test.ts"],
    },
  ],
};
