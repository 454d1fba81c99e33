import type { EmailTemplate } from "../../emails/types";
import type { PathModule } from "./types";

/**
 * The lookups shared pages use, made from one list of path modules: app/paths/registry.ts makes
 * the real one; a test may make one with an extra path of its own.
 */
export function moduleRegistry(modules: readonly PathModule[]) {
  return {
    /** In the order pages list them in. */
    PATH_MODULES: modules,
    pathModuleFor(kind: string): PathModule {
      const found = modules.find((module) => module.definition.kind === kind);
      if (!found) throw new Error(`Unknown incident kind: ${kind}`);
      return found;
    },
    /** An email's template, by the name its outbox row gives, from the path that has it. */
    emailTemplateFor(name: string): EmailTemplate<never> {
      const found = modules.find((module) => Object.hasOwn(module.emails, name));
      if (!found) throw new Error(`No email template called "${name}"`);
      return found.emails[name];
    },
    /** Every report route that takes files, for the request guard. */
    UPLOAD_ADDRESSES: modules.flatMap((module) => module.uploadAddresses),
    /** The paths' own sections of the dashboard, in the order of their paths. */
    DASHBOARD_SECTIONS: modules.flatMap((module) => module.dashboardSections ?? []),
    /** The paths' own lists on the home page, in the order of their paths. */
    HOME_SECTIONS: modules.flatMap((module) => module.homeSections ?? []),
  };
}
