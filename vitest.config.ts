import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) },
  },
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    // Each file opens its own temporary database; files run in parallel on the two cores. The
    // timeout leaves room for a machine busy with other work (a second test run, a build).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
