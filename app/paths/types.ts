import type { SerializeFrom } from "@remix-run/node";
import type { ReactNode } from "react";
import type { ZodType, ZodTypeAny, ZodTypeDef } from "zod";
import type { Db } from "../../db/client";
import type { EmailTemplate } from "../../emails/types";
import type { PathDefinition } from "../../machines/kit";
import type { AnyFields } from "../components/forms";
import type { DemoStories } from "../demo/stories";
import type { StepActionData } from "../components/step-form";
import type { IncidentSummary, incidentPage } from "../models/incidents.server";
import type { CurrentUser } from "../utils/auth.server";

/**
 * What the app shows of one escalation path: its report, its incident page, its step forms and
 * its settings. Each path's folder in app/paths/ exports one; app/paths/registry.ts lists them.
 */
export interface PathModule<Kind extends string = string> {
  definition: PathDefinition & { kind: Kind };
  /** How the report chooser and the home page offer this path's report. */
  report: ReportChoice;
  /** The addresses of its report routes that take files (multipart), which the request guard lets through. */
  uploadAddresses: readonly string[];
  /** Whether the evidence lists show thumbnails, where seeing the picture matters. */
  evidenceThumbnails: boolean;
  /**
   * What the incident page reads for this path beyond the incident itself, given the events this
   * person may send and the server's clock (for anything the page shows as late).
   */
  pageExtras?(db: Db, incidentId: number, page: { allowedEvents: string[]; now: Date }): Record<string, unknown>;
  IncidentPage(props: { page: IncidentPageData; actionData: IncidentActionData | undefined }): ReactNode;
  steps: StepForms;
  settings: SettingsSection;
  /** Sections of the dashboard only this path has, after the figures every path shares. */
  dashboardSections?: readonly DashboardSection[];
  /** Lists of its incidents on the home page, after "Waiting for you". */
  homeSections?: readonly HomeSection[];
  /** Its stories in the demo organisation's past, and how to play the steps only they take. */
  demoStories: DemoStories;
  /** Its email templates, by the name its notify actions use: one for each of its definition's email contracts. */
  emails: Readonly<Record<string, EmailTemplate<never>>>;
}

export interface ReportChoice {
  address: string;
  /** The chooser's heading for it, and what it is for. */
  title: string;
  description: string;
  /** The home page's button. */
  linkText: string;
}

/**
 * The incident page as the browser receives it: the shared page, the path's extras, who is
 * looking, and the server's "now" as a datetime-local value (the default of "when did it happen").
 */
export type IncidentPageData = SerializeFrom<NonNullable<ReturnType<typeof incidentPage>>> & { userId: number; now: string; [extra: string]: unknown };

export type IncidentActionData = StepActionData & { refusals?: { name: string; message: string }[] };

/** The forms of the incident page's steps: which intents they are, how each is checked, the event it sends and what the person is told. */
export interface StepForms<Intent extends string = string, Value extends { intent: Intent; version: number } = { intent: Intent; version: number }> {
  isIntent(value: unknown): value is Intent;
  schemas: Record<Intent, ZodTypeAny>;
  /** Throws a StepInputError when what was chosen no longer exists (a person, a channel). */
  toEvent(db: Db, value: Value): { type: string; [field: string]: unknown };
  confirmations: Record<Intent, string>;
}

/** A step's form that was valid when sent but names something gone since; the message says what to choose instead. */
export class StepInputError extends Error {}

/**
 * A section of the dashboard: its figures for the viewer, read from the read model; its charts,
 * drawn as SVG on the server so no charting code goes to the browser; and how it shows them.
 */
export interface DashboardSection<Figures = unknown> {
  /** Unique on the page. */
  id: string;
  figures(db: Db, user: CurrentUser, now: Date): Figures;
  charts(figures: Figures): Record<string, string>;
  Section(props: { figures: Figures; charts: Record<string, string> }): ReactNode;
}

/** A list of incidents on the home page, shown only when it has some. */
export interface HomeSection {
  /** Unique on the page. */
  id: string;
  heading: string;
  /** The incidents it lists for this person, newest first, each with where it stands at this moment. */
  incidents(db: Db, user: CurrentUser, now: Date): IncidentSummary[];
}

/** A path's part of the settings page, a form of its own. */
export interface SettingsSection<Value = unknown, Shown = unknown> {
  /** The values as saved (defaults for any never set), and what else the fieldset shows, such as the people to choose from. */
  load(db: Db): { current: Record<string, unknown>; shown: Shown };
  schema: ZodType<Value, ZodTypeDef, unknown>;
  save(db: Db, value: Value): SettingsSave;
  Fieldset(props: { fields: AnyFields; shown: Shown }): ReactNode;
}

/** The notice for the saved settings, or why they cannot be saved as chosen. */
export type SettingsSave = { ok: true; notice: string } | { ok: false; formError: string };
