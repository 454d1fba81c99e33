import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { drawStatechart, type PathDefinition } from "../../machines/kit";
import { PATH_DEFINITIONS } from "../../machines/registry";

/** Where a path's drawing is kept: its folder in app/paths/, named after its kind. */
export function statechartFile(path: PathDefinition): string {
  return fileURLToPath(new URL(`../paths/${path.kind.replaceAll("_", "-")}/statechart.md`, import.meta.url));
}

/** The drawing of a path's statechart as its folder keeps it (GitHub and most editors draw the Mermaid block). */
export function statechartDocument(path: PathDefinition): string {
  return [
    `# ${path.title}: the statechart`,
    "",
    `Drawn from \`machines/${path.kind.replaceAll("_", "-")}/machine.ts\` by \`npm run draw\`; a unit test fails when it is out of date.`,
    "",
    "```mermaid",
    drawStatechart(path.machine, path.eventLabels).trimEnd(),
    "```",
    "",
  ].join("\n");
}

// Run as a script (npm run draw): redraws every path's statechart.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const path of PATH_DEFINITIONS) {
    writeFileSync(statechartFile(path), statechartDocument(path));
    console.log(`Drew ${statechartFile(path)}`);
  }
}
