import { and, asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDeadlinesOf } from "../../app/models/deadlines.server";
import { NO_FILTERS, searchIncidents } from "../../app/models/incident-list.server";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { setAcknowledgementMinutes } from "../../app/paths/mistaken-post/settings.server";
import { fireDueDeadlines } from "../../app/workers/deadlines.server";
import { escalationChainFor } from "../../db/directory";
import { deadlines, incidentEvents, incidents, outbox } from "../../db/schema";
import { applyEvent, GENESIS_HASH, hashTimelineEvent, nextReference, WorkflowError } from "../../db/workflow";
import type { MistakenPostContext, MistakenPostDetails } from "../../machines/mistaken-post";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

const NOW = new Date("2026-11-20T16:55:00.000Z");
const minutesLater = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const post: MistakenPostDetails = {
  platform: "Facebook",
  account: "@EastbridgeLibraries",
  link: "https://facebook.example/posts/1",
  postedAt: "2026-11-20T16:50:00.000Z",
  whatHappened: "Posted the closure notice for the wrong library.",
};

let test: TestDatabase;

beforeEach(() => {
  test = createTestDatabase({ now: NOW });
});
afterEach(() => test.close());

function timeline(incidentId: number) {
  return test.db
    .select()
    .from(incidentEvents)
    .where(eq(incidentEvents.incidentId, incidentId))
    .orderBy(asc(incidentEvents.sequence))
    .all();
}

function outboxFor(incidentId: number) {
  return test.db.select().from(outbox).where(eq(outbox.incidentId, incidentId)).orderBy(asc(outbox.id)).all();
}

function reportAs(key: string, at = NOW) {
  return reportMistakenPost(test.db, test.person(key), post, at);
}

describe("reporting a mistaken post", () => {
  it("opens the incident, records the report as event 1, and queues the emails and the deadline in the same change", () => {
    const incident = reportAs("library-assistant");
    expect(incident.reference).toBe("HF-2026-0001");
    expect(incident.version).toBe(1);
    expect(incident.state).toBe("awaitingAcknowledgement");

    const [reported] = timeline(incident.id);
    expect(reported).toMatchObject({ sequence: 1, type: "REPORTED", actorId: test.person("library-assistant").id, previousHash: GENESIS_HASH });

    const emails = outboxFor(incident.id);
    expect(emails.map((row) => [row.template, row.recipient])).toEqual([
      ["acknowledgement-requested", "owen.price@eastbridge.gov.uk"],
      ["mistaken-post-reported", "dan.okafor@eastbridge.gov.uk"],
      ["mistaken-post-reported", "ellie.marsh@eastbridge.gov.uk"],
      ["mistaken-post-reported", "sam.patel@eastbridge.gov.uk"],
    ]);
    expect(emails.every((row) => row.status === "pending")).toBe(true);

    const [deadline] = test.db.select().from(deadlines).where(eq(deadlines.incidentId, incident.id)).all();
    expect(deadline).toMatchObject({ status: "pending", eventType: "ACKNOWLEDGEMENT_OVERDUE", dueAt: minutesLater(15).toISOString() });
  });

  it("numbers references in order within the year", () => {
    expect(reportAs("library-assistant").reference).toBe("HF-2026-0001");
    expect(reportAs("parks-officer").reference).toBe("HF-2026-0002");
  });

  it("keeps numbering past 9,999 incidents in a year", () => {
    const first = reportAs("library-assistant");
    const insert = test.db.$client.prepare(
      "insert into incidents (reference, kind, title, reporter_id, machine_id, machine_version, snapshot, state, version, created_at, updated_at) select ?, kind, title, reporter_id, machine_id, machine_version, snapshot, state, version, created_at, updated_at from incidents where id = ?",
    );
    test.db.$client.transaction(() => {
      for (const number of [9998, 9999, 10000]) insert.run(`HF-2026-${number}`, first.id);
    })();
    expect(nextReference(test.db, NOW)).toBe("HF-2026-10001");
    expect(reportAs("parks-officer").reference).toBe("HF-2026-10001");
  });

  it("uses the acknowledgement time the admin set", () => {
    setAcknowledgementMinutes(test.db, 5);
    const incident = reportAs("library-assistant");
    const [deadline] = test.db.select().from(deadlines).where(eq(deadlines.incidentId, incident.id)).all();
    expect(deadline.dueAt).toBe(minutesLater(5).toISOString());
  });

  it("skips a line manager who is away today and asks the next most senior officer", () => {
    // Ben Carter's line manager, Helen Ward, is on leave in the demo organisation.
    const incident = reportAs("hub-officer");
    const context = (incident.snapshot as { context: MistakenPostContext }).context;
    expect(context.escalationChain.map((officer) => officer.name)).toEqual(["Marcus Bell", "Ruth Adeyemi"]);
    expect(outboxFor(incident.id)[0].recipient).toBe("marcus.bell@eastbridge.gov.uk");
  });

  it("asks the most senior member of Communications who is in when the reporter has nobody above them", () => {
    expect(escalationChainFor(test.db, test.person("ceo").id, NOW)).toEqual({ chain: [test.person("headcomms")], away: [] });
  });
});

describe("applying an event", () => {
  it("moves the incident on, chains the timeline hash, closes the deadline and tells the reporter", () => {
    const incident = reportAs("library-assistant");
    const owen = test.person("libraries-manager");
    const updated = applyEvent(test.db, {
      incidentId: incident.id,
      expectedVersion: 1,
      event: { type: "ACKNOWLEDGE", by: owen, note: "On it" },
      actor: owen,
      now: minutesLater(4),
    });
    expect(updated).toMatchObject({ version: 2, state: "deletion" });

    const events = timeline(incident.id);
    expect(events.map((event) => [event.sequence, event.type, event.fromStep, event.toStep])).toEqual([
      [1, "REPORTED", null, "awaitingAcknowledgement"],
      [2, "ACKNOWLEDGE", "awaitingAcknowledgement", "deletion"],
    ]);
    expect(events[1].previousHash).toBe(events[0].hash);
    for (const event of events) {
      const { id: _id, hash, ...fields } = event;
      expect(hashTimelineEvent(fields)).toBe(hash);
    }

    const [deadline] = test.db.select().from(deadlines).where(eq(deadlines.incidentId, incident.id)).all();
    expect(deadline.status).toBe("met");
    expect(outboxFor(incident.id).at(-1)).toMatchObject({ template: "incident-acknowledged", recipient: "jo.lee@eastbridge.gov.uk" });
  });

  it("refuses an event the step does not accept, in words a person understands, and writes nothing", () => {
    const incident = reportAs("library-assistant");
    const ellie = test.person("comms1");
    const before = { events: timeline(incident.id).length, emails: outboxFor(incident.id).length };
    const attempt = () =>
      applyEvent(test.db, { incidentId: incident.id, expectedVersion: 1, event: { type: "ACKNOWLEDGE", by: ellie }, actor: ellie, now: minutesLater(1) });
    expect(attempt).toThrowError(new WorkflowError("refused", "Only Owen Price, who has been asked to acknowledge, can acknowledge this report."));
    expect(test.db.select().from(incidents).where(eq(incidents.id, incident.id)).get()?.version).toBe(1);
    expect(timeline(incident.id)).toHaveLength(before.events);
    expect(outboxFor(incident.id)).toHaveLength(before.emails);
  });

  it("refuses a change made from an out-of-date page with a conflict that says what changed", () => {
    const incident = reportAs("library-assistant");
    const owen = test.person("libraries-manager");
    applyEvent(test.db, { incidentId: incident.id, expectedVersion: 1, event: { type: "ACKNOWLEDGE", by: owen }, actor: owen, now: minutesLater(2) });
    let conflict: WorkflowError | undefined;
    try {
      applyEvent(test.db, { incidentId: incident.id, expectedVersion: 1, event: { type: "ACKNOWLEDGE", by: owen }, actor: owen, now: minutesLater(3) });
    } catch (error) {
      conflict = error as WorkflowError;
    }
    expect(conflict?.code).toBe("conflict");
    expect(conflict?.changesSince).toEqual([
      { sequence: 2, type: "ACKNOWLEDGE", label: "Acknowledged", deed: "acknowledged this report", outcome: null, actorName: "Owen Price", at: minutesLater(2).toISOString() },
    ]);
    expect(timeline(incident.id)).toHaveLength(2);
  });

  it("answers not_found for an incident that does not exist", () => {
    expect(() =>
      applyEvent(test.db, { incidentId: 999, event: { type: "ACKNOWLEDGE" }, actor: null, now: NOW }),
    ).toThrowError(expect.objectContaining({ code: "not_found" }));
  });
});

describe("the timeline is append-only", () => {
  it("aborts any UPDATE or DELETE of an event, even straight through SQL", () => {
    const incident = reportAs("library-assistant");
    const sqlite = test.db.$client;
    expect(() => sqlite.prepare("update incident_events set type = 'EDITED' where incident_id = ?").run(incident.id)).toThrow(
      /append-only/,
    );
    expect(() => sqlite.prepare("delete from incident_events where incident_id = ?").run(incident.id)).toThrow(/append-only/);
    expect(timeline(incident.id)[0].type).toBe("REPORTED");
  });
});

describe("deadlines", () => {
  it("fire nothing before they are due", () => {
    reportAs("library-assistant");
    expect(fireDueDeadlines(test.db, minutesLater(14))).toEqual({ fired: 0, dropped: 0 });
  });

  it("escalate to the next most senior officer through applyEvent when the manager does not acknowledge", () => {
    const incident = reportAs("library-assistant");
    expect(fireDueDeadlines(test.db, minutesLater(16))).toEqual({ fired: 1, dropped: 0 });

    const events = timeline(incident.id);
    expect(events.at(-1)).toMatchObject({ type: "ACKNOWLEDGEMENT_OVERDUE", actorId: null, previousHash: events[0].hash });
    const rows = test.db
      .select({ status: deadlines.status, dueAt: deadlines.dueAt, description: deadlines.description })
      .from(deadlines)
      .where(eq(deadlines.incidentId, incident.id))
      .orderBy(asc(deadlines.id))
      .all();
    // Helen Ward is away, so the chain goes from Owen Price straight to Marcus Bell.
    expect(rows).toEqual([
      { status: "cancelled", dueAt: minutesLater(15).toISOString(), description: "Owen Price to acknowledge" },
      { status: "pending", dueAt: minutesLater(31).toISOString(), description: "Marcus Bell to acknowledge" },
    ]);
    expect(outboxFor(incident.id).at(-1)).toMatchObject({
      template: "acknowledgement-requested",
      recipient: "marcus.bell@eastbridge.gov.uk",
    });
    // Firing again at the same moment does nothing: the new deadline is not yet due.
    expect(fireDueDeadlines(test.db, minutesLater(16))).toEqual({ fired: 0, dropped: 0 });
  });

  it("make the officer asked next late only after their own due time, keep a step whose last officer let it pass overdue, and are met when done", () => {
    const incident = reportAs("library-assistant");
    const overdueFor = (at: Date) =>
      searchIncidents(test.db, test.user("comms1"), { ...NO_FILTERS, overdueOnly: true }, 1, at).rows.map((row) => row.reference);
    expect(overdueFor(minutesLater(10))).toEqual([]);
    fireDueDeadlines(test.db, minutesLater(16));
    // Marcus Bell was asked at minute 16 and has until minute 31: Owen Price's lateness is not his.
    expect(overdueFor(minutesLater(17))).toEqual([]);
    expect(openDeadlinesOf(test.db, incident.id)).toEqual([
      { incidentId: incident.id, key: "acknowledgement", description: "Marcus Bell to acknowledge", dueAt: minutesLater(31).toISOString() },
    ]);
    expect(overdueFor(minutesLater(32))).toEqual([incident.reference]);
    // The last officer in the chain lets it pass too: it stays overdue until someone acknowledges.
    fireDueDeadlines(test.db, minutesLater(32));
    fireDueDeadlines(test.db, minutesLater(48));
    expect(overdueFor(minutesLater(60))).toEqual([incident.reference]);

    const marcus = test.person("dir-people");
    const version = test.db.select().from(incidents).where(eq(incidents.id, incident.id)).get()!.version;
    applyEvent(test.db, { incidentId: incident.id, expectedVersion: version, event: { type: "ACKNOWLEDGE", by: marcus }, actor: marcus, now: minutesLater(61) });
    expect(overdueFor(minutesLater(62))).toEqual([]);
    expect(openDeadlinesOf(test.db, incident.id)).toEqual([]);
    const statuses = test.db.select({ status: deadlines.status }).from(deadlines).where(eq(deadlines.incidentId, incident.id)).orderBy(asc(deadlines.id)).all();
    expect(statuses.map((row) => row.status)).toEqual(["cancelled", "cancelled", "met"]);
  });

  it("are closed, not fired, once the incident has moved on", () => {
    const incident = reportAs("library-assistant");
    const owen = test.person("libraries-manager");
    applyEvent(test.db, { incidentId: incident.id, expectedVersion: 1, event: { type: "ACKNOWLEDGE", by: owen }, actor: owen, now: minutesLater(3) });
    expect(fireDueDeadlines(test.db, minutesLater(60))).toEqual({ fired: 0, dropped: 0 });
    const pending = test.db
      .select()
      .from(deadlines)
      .where(and(eq(deadlines.incidentId, incident.id), eq(deadlines.status, "pending")))
      .all();
    expect(pending).toEqual([]);
  });
});
