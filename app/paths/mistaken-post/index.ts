import { mistakenPostPath } from "../../../machines/mistaken-post";
import type { PathModule } from "../types";
import { mistakenPostDemoStories } from "./demo-stories.server";
import { mistakenPostTemplates } from "./emails.server";
import { MistakenPostIncident } from "./incident";
import { mistakenPostEventFrom, mistakenPostPageExtras, STEP_CONFIRMATIONS } from "./model.server";
import { settingsSchema, SettingsFieldset } from "./settings";
import { loadSettings, saveSettings } from "./settings.server";
import { isMistakenPostIntent, mistakenPostStepSchemas } from "./step-schemas";

export const mistakenPostModule: PathModule<"mistaken_post"> = {
  definition: mistakenPostPath,
  report: {
    address: "/report/mistaken-post",
    title: "A post made by mistake on one of our accounts",
    description: "Something was posted that should not have been. Your line manager and Communications are told.",
    linkText: "Report a post made by mistake",
  },
  uploadAddresses: [],
  evidenceThumbnails: false,
  pageExtras: mistakenPostPageExtras,
  IncidentPage: MistakenPostIncident,
  steps: { isIntent: isMistakenPostIntent, schemas: mistakenPostStepSchemas, toEvent: mistakenPostEventFrom, confirmations: STEP_CONFIRMATIONS },
  settings: { load: loadSettings, schema: settingsSchema, save: saveSettings, Fieldset: SettingsFieldset },
  demoStories: mistakenPostDemoStories,
  emails: mistakenPostTemplates,
};
