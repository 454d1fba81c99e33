import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PATH_DEFINITIONS } from "../../machines/registry";

/**
 * A path lives in its own folders (docs/decisions/0020-paths-as-modules.md): no shared file names
 * it, so a new path costs its folders and a registry line, not edits across shared files.
 */

const REGISTRIES = ["machines/registry.ts", "app/paths/registry.ts"];
const SCANNED = ["app", "db", "emails", "machines"];
const root = fileURLToPath(new URL("../..", import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return path === "db/migrations" ? [] : sourceFiles(path);
    return /\.(ts|tsx|js|jsx)$/.test(entry.name) ? [path] : [];
  });
}

/** Each path's name in the forms code writes it: mistaken_post, mistaken-post, MistakenPost, mistakenPost, MISTAKEN_POST. */
const paths = PATH_DEFINITIONS.map(({ kind }) => {
  const words = kind.split("_");
  const camel = words.map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1))).join("");
  const folder = words.join("-");
  return {
    folder,
    names: [kind, folder, camel[0].toUpperCase() + camel.slice(1), camel, kind.toUpperCase()],
    ownFolders: [`machines/${folder}/`, `emails/${folder}/`, `app/paths/${folder}/`],
  };
});

/** "file:line: name" for each line of a file that names a path outside that path's own folders. */
function mentionsOutsideOwnFolders(file: string, text: string): string[] {
  return text.split("\n").flatMap((line, index) =>
    paths.flatMap((path) =>
      path.ownFolders.some((folder) => file.startsWith(folder))
        ? []
        : path.names.filter((name) => line.includes(name)).map((name) => `${file}:${index + 1}: ${name}`),
    ),
  );
}

describe("path names", () => {
  const files = SCANNED.flatMap(sourceFiles).filter((file) => !REGISTRIES.includes(file));

  it("appear only in the path's own folders and the two registries", () => {
    const mentions = files.flatMap((file) => mentionsOutsideOwnFolders(file, readFileSync(join(root, file), "utf8")));
    expect(mentions).toEqual([]);
  });

  it("are found in a shared file", () => {
    expect(mentionsOutsideOwnFolders("app/routes/example.tsx", 'if (kind === "staff_abuse") {}')).toEqual(["app/routes/example.tsx:1: staff_abuse"]);
    expect(mentionsOutsideOwnFolders("app/paths/staff-abuse/index.ts", 'kind: "staff_abuse"')).toEqual([]);
  });
});
