import { relations, sql } from "drizzle-orm";
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
  },
  (table) => [index("sign_in_attempts_email_at_idx").on(table.email, table.at)],
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
  },
  (table) => [
    uniqueIndex("incidents_reference_unique").on(table.reference),
    index("incidents_reporter_idx").on(table.reporterId),
    index("incidents_kind_state_idx").on(table.kind, table.state),
  ],
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
  (table) => [uniqueIndex("incident_events_incident_sequence_unique").on(table.incidentId, table.sequence)],
);

export const DEADLINE_STATUSES = ["pending", "met", "fired", "cancelled"] as const;

export const deadlines = sqliteTable(
  "deadlines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    incidentId: integer("incident_id")
      .notNull()
      .references(() => incidents.id),
    key: text("key").notNull(),
    eventType: text("event_type").notNull(),
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

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;

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

export const peopleRelations = relations(people, ({ one, many }) => ({
  lineManager: one(people, { fields: [people.lineManagerId], references: [people.id] }),
  roles: many(personRoles),
  absences: many(absences),
}));

export const personRolesRelations = relations(personRoles, ({ one }) => ({
  person: one(people, { fields: [personRoles.personId], references: [people.id] }),
}));

export const absencesRelations = relations(absences, ({ one }) => ({
  person: one(people, { fields: [absences.personId], references: [people.id] }),
}));

export type Person = typeof people.$inferSelect;
export type Incident = typeof incidents.$inferSelect;
export type IncidentEvent = typeof incidentEvents.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type Deadline = typeof deadlines.$inferSelect;
