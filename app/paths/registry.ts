import type { EmailTemplate } from "../../emails/types";
import { PATH_DEFINITIONS, type IncidentKind } from "../../machines/registry";
import { mistakenPostModule } from "./mistaken-post";
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

/** In the order of machines/registry.ts, which is the order pages list them in. */
export const PATH_MODULES: readonly PathModule[] = PATH_DEFINITIONS.map((definition) => MODULES[definition.kind]);

export function pathModuleFor(kind: string): PathModule {
  const found = PATH_MODULES.find((module) => module.definition.kind === kind);
  if (!found) throw new Error(`Unknown incident kind: ${kind}`);
  return found;
}

/** An email's template, by the name its outbox row gives, from the path that has it. */
export function emailTemplateFor(name: string): EmailTemplate<never> {
  const found = PATH_MODULES.find((module) => Object.hasOwn(module.emails, name));
  if (!found) throw new Error(`No email template called "${name}"`);
  return found.emails[name];
}

/** Every report route that takes files, for the request guard. */
export const UPLOAD_ADDRESSES = PATH_MODULES.flatMap((module) => module.uploadAddresses);

/** The paths' own sections of the dashboard, in the order of their paths. */
export const DASHBOARD_SECTIONS = PATH_MODULES.flatMap((module) => module.dashboardSections ?? []);

/** The paths' own lists on the home page, in the order of their paths. */
export const HOME_SECTIONS = PATH_MODULES.flatMap((module) => module.homeSections ?? []);
