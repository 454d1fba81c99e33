import { render } from "@react-email/render";
import type { ReactElement } from "react";
import {
  AcknowledgementMissed,
  AcknowledgementRequested,
  IncidentAcknowledged,
  MistakenPostReported,
} from "./mistaken-post";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

type Template = {
  subject: (data: any) => string;
  component: (data: any) => ReactElement;
};

/** Every email Holdfast sends, by the template name a machine's notify action uses. */
export const templates: Record<string, Template> = {
  "acknowledgement-requested": {
    subject: (data) => `${data.reference}: please acknowledge a post made by mistake`,
    component: AcknowledgementRequested,
  },
  "mistaken-post-reported": {
    subject: (data) => `${data.reference}: a post was made by mistake on ${data.context.post.account}`,
    component: MistakenPostReported,
  },
  "incident-acknowledged": {
    subject: (data) => `${data.reference}: your report has been acknowledged`,
    component: IncidentAcknowledged,
  },
  "acknowledgement-missed": {
    subject: (data) => `${data.reference}: nobody has acknowledged this report`,
    component: AcknowledgementMissed,
  },
};

export async function renderEmail(template: string, data: Record<string, unknown>): Promise<RenderedEmail> {
  const definition = templates[template];
  if (!definition) throw new Error(`No email template called "${template}"`);
  const element = definition.component(data);
  return {
    subject: definition.subject(data),
    html: await render(element),
    text: await render(element, { plainText: true }),
  };
}
