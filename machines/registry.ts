import { definitionRegistry } from "./kit";
import { mistakenPostPath } from "./mistaken-post";
import { staffAbusePath } from "./staff-abuse";

/**
 * Every escalation path's statechart and rules, one line each. The workflow (db/) and the shared
 * models read paths only through these lookups; app/paths/registry.ts lists the same paths' pages.
 */
export const { PATH_DEFINITIONS, isIncidentKind, escalationPathFor, kindsReadableByRole } = definitionRegistry([mistakenPostPath, staffAbusePath]);

export type IncidentKind = (typeof PATH_DEFINITIONS)[number]["kind"];
