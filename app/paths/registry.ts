import { PATH_DEFINITIONS, type IncidentKind } from "../../machines/registry";
import { mistakenPostModule } from "./mistaken-post";
import { moduleRegistry } from "./module-registry";
import { staffAbuseModule } from "./staff-abuse";
import type { PathModule } from "./types";

/**
 * What the app shows of every escalation path, one line each; the type asks for exactly one
 * module per kind of machines/registry.ts. Shared pages loop over PATH_MODULES.
 */
const MODULES: { [Kind in IncidentKind]: PathModule<Kind> } = {
  mistaken_post: mistakenPostModule,
  staff_abuse: staffAbuseModule,
};

export const { PATH_MODULES, pathModuleFor, emailTemplateFor, UPLOAD_ADDRESSES, DASHBOARD_SECTIONS, HOME_SECTIONS } = moduleRegistry(
  PATH_DEFINITIONS.map((definition) => MODULES[definition.kind]),
);
