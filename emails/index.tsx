import { render } from "@react-email/render";
import { mistakenPostTemplates } from "./mistaken-post";
import { staffAbuseTemplates } from "./staff-abuse";
import type { EmailTemplate } from "./types";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Every email Holdfast sends, by template name: each path's templates. */
export const templates: Record<string, EmailTemplate<never>> = { ...mistakenPostTemplates, ...staffAbuseTemplates };

/**
 * Renders an outbox row's email. The row's data is what the template's contract returned when it
 * was queued (db/outbox-data.ts), with the link added: the one place stored JSON is taken as the
 * template's typed props.
 */
export async function renderEmail(template: string, data: Record<string, unknown>): Promise<RenderedEmail> {
  if (!Object.hasOwn(templates, template)) throw new Error(`No email template called "${template}"`);
  const definition = templates[template];
  const element = definition.component(data as never);
  return {
    subject: definition.subject(data as never),
    html: await render(element),
    text: await render(element, { plainText: true }),
  };
}
