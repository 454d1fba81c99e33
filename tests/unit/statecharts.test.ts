import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { statechartDocument, statechartFile } from "../../app/tools/statecharts";
import { PATH_DEFINITIONS } from "../../machines/registry";

describe("each path's drawing of its statechart", () => {
  it.each(PATH_DEFINITIONS.map((path) => [path.kind, path] as const))("%s: is drawn from the machine as it is now (npm run draw redraws it)", (_kind, path) => {
    expect(readFileSync(statechartFile(path), "utf8")).toBe(statechartDocument(path));
  });

  it.each(PATH_DEFINITIONS.map((path) => [path.kind, path] as const))("%s: draws every step, the way in, the way out and transitions by the names of their events", (_kind, path) => {
    const drawing = statechartDocument(path);
    for (const step of Object.values(path.machine.root.states)) expect(drawing).toContain(` as ${step.key}\n`);
    expect(drawing).toMatch(/\[\*\] --> \w+/);
    expect(drawing).toMatch(/\w+ --> \[\*\]/);
    const labelled = Object.values(path.eventLabels).filter((label) => drawing.includes(`: ${label}\n`));
    expect(labelled.length).toBeGreaterThan(3);
  });
});
