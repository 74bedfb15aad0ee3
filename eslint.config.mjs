// ESLint (with typescript-eslint's recommended rules) over the TypeScript sources; Prettier
// owns formatting (its settings are in package.json). `npm run lint` runs both; .ci/run too.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "cdktf.out/", "coverage/", "**/*.snapshot/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    rules: {
      // `_` marks a value deliberately unused (a destructured key left out, a callback argument).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // The launcher and a few tests load modules conditionally with require().
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    // Defaults are applied in one place (lib/config/defaults.ts, through AccountSettings.value and documentSetting).
    files: ["lib/**/*.ts"],
    ignores: ["lib/config/defaults.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: 'LogicalExpression[operator="??"] > :matches(MemberExpression, CallExpression).right Identifier[name=/^(DEFAULTS|DERIVED_DEFAULTS)$/]',
          message: "a fall-back to a built-in default: ask AccountSettings.value() or documentSetting() (lib/config/defaults.ts) instead",
        },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    languageOptions: {
      globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", __filename: "readonly", console: "readonly" },
    },
  },
);
