import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "data/**",
      "coverage/**",
      "docs/**",
      "web/dist/**",
      ".stryker-tmp/**",
      "reports/**",
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Dialect knowledge stays in src/db.
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/db/**", "src/test/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["better-sqlite3", "pg"], message: "only src/db knows the database drivers" }],
        },
      ],
    },
  },
  {
    // The core knows nothing of HTTP, the CLI, or a database driver.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/http/**", "**/cli/**", "**/io/**"],
              message: "core must not depend on http, cli or io",
            },
            { group: ["fastify", "fastify/*", "@fastify/*"], message: "core must not depend on HTTP" },
            { group: ["better-sqlite3", "pg", "pg-*"], message: "core must not depend on a database driver" },
            {
              group: ["nodemailer", "nodemailer/*", "smtp-server", "**/infra/**"],
              message: "core sends mail through core/mail's MailTransport; src/background.ts wires one",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
);
