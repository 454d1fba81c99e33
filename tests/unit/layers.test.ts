import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The layers only point one way: app/routes -> app/models and the rest of app -> db/ (the
 * workflow) -> machines/, with emails/ a leaf the app uses and app/utils/ the bottom of app.
 * Read from the source text, so a file that breaks the direction fails here, by name, before the
 * cycle it starts shows up as a module loaded half-way.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;
// `import … from "x"`, `export … from "x"`, `import "x"` and `import("x")`.
const SPECIFIERS = [/\bfrom\s*["']([^"']+)["']/g, /\bimport\s*["']([^"']+)["']/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g];

const RULES: { folder: string; mayNotImport: string[] }[] = [
  { folder: "db", mayNotImport: ["app", "emails"] },
  { folder: "machines", mayNotImport: ["db", "app", "emails"] },
  { folder: "emails", mayNotImport: ["app", "db"] },
  { folder: "app/utils", mayNotImport: ["app/models", "app/workers", "app/routes", "app/paths"] },
];

/** Project-relative paths, with forward slashes, of the source files under a folder. */
function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** Each import of a file, with the project-relative path it points at (null for a package). */
function importsOf(file: string): { specifier: string; target: string | null }[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const specifiers = SPECIFIERS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]));
  return specifiers.map((specifier) => {
    let absolute: string | null = null;
    if (specifier.startsWith("~/")) absolute = join(ROOT, "app", specifier.slice(2));
    else if (specifier.startsWith(".")) absolute = resolve(ROOT, dirname(file), specifier);
    return { specifier, target: absolute === null ? null : relative(ROOT, absolute).split(sep).join("/") };
  });
}

const within = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

describe("the layers point one way", () => {
  it("finds the files and the imports it checks", () => {
    for (const { folder } of RULES) expect(sourceFiles(folder).length, folder).toBeGreaterThan(0);
    // A parser that saw nothing would pass every rule below.
    expect(importsOf("db/verify.ts").map((found) => found.target)).toContain("db/workflow");
    expect(importsOf("app/server.ts").map((found) => found.target)).toContain("db/seed");
  });

  for (const { folder, mayNotImport } of RULES) {
    it(`nothing in ${folder}/ imports ${mayNotImport.map((layer) => `${layer}/`).join(", ")}`, () => {
      const broken = sourceFiles(folder).flatMap((file) =>
        importsOf(file)
          .filter(({ target }) => target !== null && mayNotImport.some((layer) => within(target, layer)))
          .map(({ specifier }) => `${file} imports "${specifier}"`),
      );
      expect(broken).toEqual([]);
    });
  }
});
