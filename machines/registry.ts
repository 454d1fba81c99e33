import type { PathDefinition } from "./kit";
import { mistakenPostPath } from "./mistaken-post";
import { staffAbusePath } from "./staff-abuse";

/**
 * Every escalation path's statechart and rules, one line each. The workflow (db/) and the shared
 * models read paths only through this list; app/paths/registry.ts lists the same paths' pages.
 */
export const PATH_DEFINITIONS = [mistakenPostPath, staffAbusePath] as const satisfies readonly PathDefinition[];

export type IncidentKind = (typeof PATH_DEFINITIONS)[number]["kind"];

const byKind = new Map<string, PathDefinition>(PATH_DEFINITIONS.map((path) => [path.kind, path]));

export function isIncidentKind(kind: string): kind is IncidentKind {
  return byKind.has(kind);
}

export function escalationPathFor(kind: string): PathDefinition {
  const path = byKind.get(kind);
  if (!path) throw new Error(`Unknown incident kind: ${kind}`);
  return path;
}

/** The paths whose every incident this person may read through one of their roles. */
export function kindsReadableByRole(roles: readonly string[]): IncidentKind[] {
  return PATH_DEFINITIONS.filter((path) => path.readersByRole.some((role) => roles.includes(role))).map((path) => path.kind);
}
