import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

/** Times are stored as ISO 8601 strings in UTC: they sort, compare and read well in SQLite. */
const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

export const ROLES = ["staff", "communications", "hr_safety", "leadership", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const people = sqliteTable(
  "people",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    /** Stored lower-case, so sign-in and uniqueness ignore case. */
    email: text("email").notNull(),
    jobTitle: text("job_title").notNull(),
    service: text("service").notNull(),
    lineManagerId: integer("line_manager_id").references((): any => people.id, {
      onDelete: "set null",
    }),
    /** 1 is the most senior (the Chief Executive); larger numbers are further down. */
    seniority: integer("seniority").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    passwordHash: text("password_hash"),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("people_email_unique").on(table.email),
    index("people_line_manager_idx").on(table.lineManagerId),
  ],
);

export const personRoles = sqliteTable(
  "person_roles",
  {
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.personId, table.role] }), index("person_roles_role_idx").on(table.role)],
);

export const absences = sqliteTable(
  "absences",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** Calendar dates (YYYY-MM-DD) in the organisation's time zone, both days included. */
    startsOn: text("starts_on").notNull(),
    endsOn: text("ends_on").notNull(),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("absences_person_idx").on(table.personId, table.startsOn)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the token in the cookie: a stolen copy of the database signs nobody in. */
    tokenHash: text("token_hash").primaryKey(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    expiresAt: text("expires_at").notNull(),
  },
  (table) => [index("sessions_person_idx").on(table.personId)],
);

export const signInAttempts = sqliteTable(
  "sign_in_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    at: text("at").notNull(),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
    /** The address the attempt came from, for the per-client limit beside the per-account one. */
    client: text("client").notNull().default(""),
  },
  (table) => [
    index("sign_in_attempts_email_at_idx").on(table.email, table.at),
    index("sign_in_attempts_client_at_idx").on(table.client, table.at),
  ],
);

export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

export const incidents = sqliteTable(
  "incidents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Human reference, e.g. HF-2026-0001. */
    reference: text("reference").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    reporterId: integer("reporter_id")
      .notNull()
      .references(() => people.id),
    machineId: text("machine_id").notNull(),
    machineVersion: integer("machine_version").notNull(),
    /** The persisted XState snapshot (JSON). */
    snapshot: text("snapshot", { mode: "json" }).notNull(),
    /** The current step, copied out of the snapshot so lists can filter on it. */
    state: text("state").notNull(),
    /** Optimistic concurrency: every change adds one, and a change must name the version it saw. */
    version: integer("version").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    /**
     * The key the report form was shown with: a second send of the same form (a retry after a
     * lost answer, a second press) finds this incident instead of opening another.
     */
    submissionKey: text("submission_key"),
  },
  (table) => [
    uniqueIndex("incidents_reference_unique").on(table.reference),
    uniqueIndex("incidents_submission_key_unique").on(table.reporterId, table.submissionKey),
    index("incidents_reporter_idx").on(table.reporterId),
    index("incidents_kind_state_idx").on(table.kind, table.state),
    // Covers the incident list (order, visibility and filters) without reading the snapshots.
    index("incidents_list_idx").on(table.createdAt, table.id, table.reporterId, table.kind, table.state, table.updatedAt, table.reference),
  ],
);

/**
 * Who may read each incident besides the reporter's management chain and the roles that read
 * every incident of its path: rewritten from the path's pure `accessOf(context)` in the same
 * transaction as every change, as `person:<id>` or `role:<role>`. Lists and the dashboard find a
 * person's incidents here, without opening snapshots.
 */
export const incidentAccess = sqliteTable(
  "incident_access",
  {
    grantee: text("grantee").notNull(),
    incidentId: integer("incident_id")
      .notNull()
      .references(() => incidents.id),
  },
  (table) => [primaryKey({ columns: [table.grantee, table.incidentId] }), index("incident_access_incident_idx").on(table.incidentId)],
);

/**
 * The read model (decision 20): what the dashboard, the lists and the home page count, filter and
 * show, as typed rows each path projects from its context (`readModel`). Rewritten in the same
 * transaction as every change, like incident_access, so no reader opens a snapshot.
 */
export const incidentMilestones = sqliteTable(
  "incident_milestones",
  {
    incidentId: integer("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    /** reported, acknowledged, assessed, closed... */
    name: text("name").notNull(),
    at: text("at").notNull(),
    /** What it came to (the outcome, on closing), for the person who reported the incident. */
    summary: text("summary"),
  },
  (table) => [primaryKey({ columns: [table.incidentId, table.name] }), index("incident_milestones_name_at_idx").on(table.name, table.at)],
);

/** Each piece of work awaited now, one row per person (`person:<id>`) or role (`role:<role>`) who may do it. */
export const incidentWork = sqliteTable(
  "incident_work",
  {
    incidentId: integer("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** Written as incident_access grantees are, so a viewer's own are looked up the same way. */
    assignee: text("assignee").notNull(),
    description: text("description").notNull(),
    /** The same work told to the person who reported the incident ("acknowledge it"); null to tell them the description. */
    toReporter: text("to_reporter"),
    /** The open deadline's due time when the row was written; null when nothing is due. */
    dueAt: text("due_at"),
    /** Need to know: a row of a section the viewer may not see is not theirs to see. */
    section: text("section"),
  },
  (table) => [
    primaryKey({ columns: [table.incidentId, table.key, table.assignee] }),
    index("incident_work_assignee_due_idx").on(table.assignee, table.dueAt),
    // Counts the work awaited from someone (the header on every page) from the index alone.
    index("incident_work_assignee_incident_idx").on(table.assignee, table.incidentId, table.key, table.dueAt),
  ],
);

/** What people filter and count by: platform, account, severity, kind of abuse... */
export const incidentFacets = sqliteTable(
  "incident_facets",
  {
    incidentId: integer("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    value: text("value").notNull(),
    section: text("section"),
  },
  (table) => [primaryKey({ columns: [table.incidentId, table.name, table.value] }), index("incident_facets_name_value_idx").on(table.name, table.value)],
);

export const incidentEvents = sqliteTable(
  "incident_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    incidentId: integer("incident_id")
      .notNull()
      .references(() => incidents.id),
    /** 1, 2, 3... within the incident; equals the incident version the event produced. */
    sequence: integer("sequence").notNull(),
    /** Null when the system acted (a deadline passed). */
    actorId: integer("actor_id").references(() => people.id),
    type: text("type").notNull(),
    /** The step the incident was on before the event, and the one it moved to. */
    fromStep: text("from_step"),
    toStep: text("to_step").notNull(),
    payload: text("payload", { mode: "json" }).notNull(),
    at: text("at").notNull(),
    previousHash: text("previous_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (table) => [
    uniqueIndex("incident_events_incident_sequence_unique").on(table.incidentId, table.sequence),
    // The steps an incident reached (the incident page's stepper), without reading every event.
    index("incident_events_incident_step_idx").on(table.incidentId, table.toStep),
  ],
);

export const DEADLINE_STATUSES = ["pending", "met", "fired", "cancelled"] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];
/**
 * Pending: not yet due. Fired: due time passed and its timeout event ran, but the step is still
 * undone, so it stays open (and overdue) until the step is done (met) or the incident closes.
 */
export const OPEN_DEADLINE_STATUSES = ["pending", "fired"] as const satisfies readonly DeadlineStatus[];

export const deadlines = sqliteTable(
  "deadlines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    incidentId: integer("incident_id")
      .notNull()
      .references(() => incidents.id),
    key: text("key").notNull(),
    eventType: text("event_type").notNull(),
    /** Extra fields of the event sent when it falls due (e.g. which crisis task). */
    eventFields: text("event_fields", { mode: "json" }).$type<Record<string, string | number>>().notNull().default({}),
    description: text("description").notNull(),
    dueAt: text("due_at").notNull(),
    status: text("status", { enum: DEADLINE_STATUSES }).notNull().default("pending"),
    closedAt: text("closed_at"),
    createdAt: createdAt(),
  },
  (table) => [
    index("deadlines_status_due_idx").on(table.status, table.dueAt),
    index("deadlines_incident_idx").on(table.incidentId, table.key),
  ],
);

/**
 * The worker only ever picks up `pending` rows (and `sending` ones whose claim ran out).
 * `not_sent_demo`: written by the demo history (app/demo/history.ts) as the story's steps would
 * have written it, and never sent, so a first start emails nobody.
 */
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "not_sent_demo"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    incidentId: integer("incident_id").references(() => incidents.id),
    template: text("template").notNull(),
    /**
     * One recipient per row, so a retry never repeats a message someone already has. Resolved
     * when the row was written, so a later directory change cannot reroute it.
     */
    recipient: text("recipient").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    /** While a worker holds the row; a crashed worker's claim runs out and the row is retried. */
    claimedUntil: text("claimed_until"),
    lastError: text("last_error"),
    messageId: text("message_id"),
    subject: text("subject"),
    sentAt: text("sent_at"),
    createdAt: createdAt(),
  },
  (table) => [index("outbox_status_next_idx").on(table.status, table.nextAttemptAt)],
);

/** The organisation's social media accounts (the channel register). */
export const channels = sqliteTable(
  "channels",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platform: text("platform").notNull(),
    handle: text("handle").notNull(),
    link: text("link").notNull(),
    owningService: text("owning_service").notNull(),
    /** The people with admin access to the account, by name (they need not be in the directory). */
    admins: text("admins", { mode: "json" }).$type<string[]>().notNull(),
    passwordChangedOn: text("password_changed_on"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("channels_platform_handle_unique").on(table.platform, table.handle)],
);

export const SCHEDULED_POST_STATUSES = ["scheduled", "held", "published", "cancelled"] as const;

/** A channel's queue. "held" posts were stopped by a pause and wait for review one by one. */
export const scheduledPosts = sqliteTable(
  "scheduled_posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    channelId: integer("channel_id")
      .notNull()
      .references(() => channels.id),
    body: text("body").notNull(),
    scheduledFor: text("scheduled_for").notNull(),
    status: text("status", { enum: SCHEDULED_POST_STATUSES }).notNull().default("scheduled"),
    createdById: integer("created_by_id")
      .notNull()
      .references(() => people.id),
    heldByPauseId: integer("held_by_pause_id").references((): any => channelPauses.id),
    publishedAt: text("published_at"),
    updatedAt: text("updated_at").notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index("scheduled_posts_due_idx").on(table.status, table.scheduledFor),
    index("scheduled_posts_channel_idx").on(table.channelId, table.status),
  ],
);

/**
 * A crisis pause of one channel. At most one open pause per channel (the partial unique index),
 * so pausing twice, or two people pausing at once, makes one pause. It lives in the database,
 * so a restart cannot undo it.
 */
export const channelPauses = sqliteTable(
  "channel_pauses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    channelId: integer("channel_id")
      .notNull()
      .references(() => channels.id),
    incidentId: integer("incident_id").references(() => incidents.id),
    pausedById: integer("paused_by_id").references(() => people.id),
    pausedAt: text("paused_at").notNull(),
    reason: text("reason").notNull(),
    resumedAt: text("resumed_at"),
    resumedById: integer("resumed_by_id").references(() => people.id),
  },
  (table) => [
    uniqueIndex("channel_pauses_one_open_unique")
      .on(table.channelId)
      .where(sql`resumed_at is null`),
    index("channel_pauses_incident_idx").on(table.incidentId),
  ],
);

/** What the publishing adapter sent (or, with the default adapter, would have sent). */
export const publications = sqliteTable("publications", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  scheduledPostId: integer("scheduled_post_id")
    .notNull()
    .references(() => scheduledPosts.id),
  channelId: integer("channel_id")
    .notNull()
    .references(() => channels.id),
  adapter: text("adapter").notNull(),
  body: text("body").notNull(),
  externalId: text("external_id"),
  publishedAt: text("published_at").notNull(),
});

/**
 * Evidence kept exactly as uploaded: the bytes live in a file outside public/, named by this
 * row; the row holds what a police officer needs to check them (SHA-256, size, detected type).
 */
export const evidenceFiles = sqliteTable(
  "evidence_files",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    incidentId: integer("incident_id")
      .notNull()
      .references(() => incidents.id),
    originalName: text("original_name").notNull(),
    /** Detected from the bytes, never taken from the browser. */
    mediaType: text("media_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    /** Relative to the evidence folder beside the database. */
    storagePath: text("storage_path").notNull(),
    description: text("description"),
    uploadedById: integer("uploaded_by_id")
      .notNull()
      .references(() => people.id),
    receivedAt: text("received_at").notNull(),
  },
  (table) => [index("evidence_files_incident_idx").on(table.incidentId)],
);

/**
 * A report being written, saved as the person goes so nothing is lost if they stop or their
 * phone dies. One draft per person and kind; deleted when the report is sent.
 */
export const reportDrafts = sqliteTable(
  "report_drafts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (table) => [uniqueIndex("report_drafts_person_kind_unique").on(table.personId, table.kind)],
);

/**
 * Chain of custody for evidence: every time someone views or downloads a file or an evidence
 * pack, who and when. Append-only, like the timeline.
 */
export const custodyEvents = sqliteTable(
  "custody_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    incidentId: integer("incident_id")
      .notNull()
      .references(() => incidents.id),
    /** Null for an action on the whole pack. */
    evidenceFileId: integer("evidence_file_id").references(() => evidenceFiles.id),
    action: text("action", { enum: ["viewed_thumbnail", "downloaded_file", "downloaded_pack_pdf", "downloaded_pack_zip"] }).notNull(),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id),
    at: text("at").notNull(),
  },
  (table) => [index("custody_events_incident_idx").on(table.incidentId, table.at)],
);

/**
 * What each person did lately that is limited per minute (sending a report, uploading a file),
 * written in the transaction that records it: the limits count these rows. Rows older than the
 * limits' window are deleted as new ones are written.
 */
export const recentActions = sqliteTable(
  "recent_actions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    action: text("action", { enum: ["report", "upload"] }).notNull(),
    at: text("at").notNull(),
  },
  (table) => [index("recent_actions_person_idx").on(table.personId, table.action, table.at)],
);

export type Person = typeof people.$inferSelect;
export type Incident = typeof incidents.$inferSelect;
export type IncidentEvent = typeof incidentEvents.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type Deadline = typeof deadlines.$inferSelect;
export type Channel = typeof channels.$inferSelect;
export type ScheduledPost = typeof scheduledPosts.$inferSelect;
export type ChannelPause = typeof channelPauses.$inferSelect;
export type EvidenceFile = typeof evidenceFiles.$inferSelect;
export type ReportDraft = typeof reportDrafts.$inferSelect;
export type CustodyEvent = typeof custodyEvents.$inferSelect;
