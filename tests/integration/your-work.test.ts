import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { homeLists, workAwaited, workAwaitedCount } from "../../app/models/incidents.server";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { HOME_SECTIONS } from "../../app/paths/registry";
import { reportStaffAbuse } from "../../app/paths/staff-abuse/model.server";
import { deadlines, incidents, type Incident } from "../../db/schema";
import { DEMO_PEOPLE } from "../../db/seed";
import { applyEvent } from "../../db/workflow";
import { formatCalendarDate, formatDateTime, organisationDate } from "../../machines/kit/dates";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { SAMPLE_ABUSE_REPORT } from "../helpers/staff-abuse";

/**
 * "Your work" on a real database: the header's count of what waits for each person, the member
 * of staff's own reports told in plain words at each stage, and the lists of reports others
 * support showing the work outstanding on each, late work first.
 */

const REPORTED_AT = new Date("2026-11-20T09:00:00.000Z");
const minutesAfter = (minutes: number) => new Date(REPORTED_AT.getTime() + minutes * 60_000);

describe("your work", () => {
  let test: TestDatabase;
  beforeAll(() => {
    test = createTestDatabase({ now: REPORTED_AT });
  });
  afterAll(() => test?.close());

  const actor = (key: string) => ({ ...test.person(key), roles: DEMO_PEOPLE.find((person) => person.key === key)!.roles as string[] });

  function send(incident: Incident, key: string, event: { type: string; [field: string]: unknown }, now: Date): Incident {
    const by = actor(key);
    const current = test.db.select({ version: incidents.version }).from(incidents).where(eq(incidents.id, incident.id)).get()!;
    return applyEvent(test.db, { incidentId: incident.id, expectedVersion: current.version, event: { ...event, by }, actor: by, now });
  }

  /** When the newest deadline of that work falls due: the one of whoever was asked last. */
  function dueOf(incident: Incident, key: string): string {
    return test.db.select({ dueAt: deadlines.dueAt }).from(deadlines).where(and(eq(deadlines.incidentId, incident.id), eq(deadlines.key, key))).orderBy(desc(deadlines.id)).get()!.dueAt;
  }

  const count = (key: string, now: Date) => workAwaitedCount(test.db, test.user(key), now);
  const reportedStatus = (key: string, incident: Incident, now: Date) => homeLists(test.db, test.user(key), now).reported.find((item) => item.reference === incident.reference)?.status;

  it("counts the work awaited from a person or their role, late work apart; nothing once closed; nothing for someone outside", () => {
    const post = { platform: "Facebook", account: "@EastbridgeLibraries", link: null, postedAt: REPORTED_AT.toISOString(), whatHappened: "Wrong notice." };
    const incident = reportMistakenPost(test.db, test.person("library-assistant"), post, REPORTED_AT);
    const due = dueOf(incident, "acknowledgement");

    // Asked of the line manager by name.
    expect(count("libraries-manager", REPORTED_AT)).toEqual({ waiting: 1, overdue: 0 });
    expect(count("libraries-manager", new Date(Date.parse(due) + 60_000))).toEqual({ waiting: 1, overdue: 1 });
    expect(count("comms1", REPORTED_AT)).toEqual({ waiting: 0, overdue: 0 });
    expect(count("parks-officer", REPORTED_AT)).toEqual({ waiting: 0, overdue: 0 });

    // Deleting the post is the reporter's or Communications' (by role): one piece each, counted once.
    send(incident, "libraries-manager", { type: "ACKNOWLEDGE" }, minutesAfter(10));
    expect(count("libraries-manager", minutesAfter(10))).toEqual({ waiting: 0, overdue: 0 });
    expect(count("library-assistant", minutesAfter(10))).toEqual({ waiting: 1, overdue: 0 });
    expect(count("comms1", minutesAfter(10)).waiting).toBe(1);
    expect(count("comms2", minutesAfter(10)).waiting).toBe(1);
    expect(workAwaited(test.db, test.user("comms1"), minutesAfter(10)).map((item) => item.reference)).toEqual([incident.reference]);
    expect(count("parks-officer", minutesAfter(10)).waiting).toBe(0);

    send(incident, "comms1", { type: "RECORD_NOT_DELETED", reason: "not_possible", explanation: "Locked." }, minutesAfter(20));
    send(incident, "comms1", { type: "ASSESS_RISK", likelihood: 1, impact: 1, reach: 1, factors: [], decision: "do_not_engage", rationale: "Few saw it.", crisisPlanNeeded: false }, minutesAfter(30));
    send(incident, "comms1", { type: "LEADER_NOT_NEEDED", reason: "Contained." }, minutesAfter(40));
    expect(count("comms1", minutesAfter(40)).waiting).toBe(1);
    send(incident, "comms1", { type: "CLOSE", whatHappened: "A notice went to the wrong page.", lessons: "Check twice.", followUps: [] }, minutesAfter(50));
    for (const key of ["comms1", "library-assistant", "libraries-manager"]) expect(count(key, minutesAfter(50)), key).toEqual({ waiting: 0, overdue: 0 });

    // HR and safety by role, the line manager by name, on an abuse report; not someone outside it.
    const abuse = reportStaffAbuse(test.db, test.person("parks-officer"), SAMPLE_ABUSE_REPORT, REPORTED_AT);
    expect(count("hr", REPORTED_AT).waiting).toBeGreaterThanOrEqual(2);
    expect(count("head-parks", REPORTED_AT).waiting).toBeGreaterThanOrEqual(1);
    expect(count("library-assistant", REPORTED_AT).waiting).toBe(0);
    expect(workAwaited(test.db, test.user("hr"), REPORTED_AT).every((item) => item.reference === abuse.reference)).toBe(true);
  });

  it("tells the member of staff where each report stands and what happens next, in words, at each stage", () => {
    const post = { platform: "Facebook", account: "@EastbridgeLibraries", link: null, postedAt: REPORTED_AT.toISOString(), whatHappened: "Opening hours posted to the wrong page." };
    const incident = reportMistakenPost(test.db, test.person("library-assistant"), post, REPORTED_AT);
    const due = dueOf(incident, "acknowledgement");

    expect(reportedStatus("library-assistant", incident, REPORTED_AT)).toEqual([
      { text: `Owen Price (your line manager) has been asked to acknowledge it, by ${formatDateTime(due)}.`, overdue: false },
    ]);

    // Nobody acknowledged in time: the head of service is asked as well, with their own time to
    // answer; it says it is late only once that time has passed too.
    const deadline = test.db.select().from(deadlines).where(and(eq(deadlines.incidentId, incident.id), eq(deadlines.key, "acknowledgement"))).get()!;
    applyEvent(test.db, { incidentId: incident.id, event: { type: "ACKNOWLEDGEMENT_OVERDUE" }, actor: null, now: new Date(deadline.dueAt), deadlineId: deadline.id });
    const nextDue = dueOf(incident, "acknowledgement");
    expect(Date.parse(nextDue)).toBeGreaterThan(Date.parse(due));
    const [asked] = reportedStatus("library-assistant", incident, new Date(Date.parse(due) + 60_000))!;
    expect(asked.overdue).toBe(false);
    expect(asked.text).toMatch(/^Owen Price \(your line manager\) or [A-Z][a-z]+ [A-Z][a-z]+ have been asked to acknowledge it, by /);
    const late = new Date(Date.parse(nextDue) + 5 * 60_000);
    const [overdue] = reportedStatus("library-assistant", incident, late)!;
    expect(overdue.overdue).toBe(true);
    expect(overdue.text).toContain(`Overdue since ${formatDateTime(nextDue)}`);

    send(incident, "libraries-manager", { type: "ACKNOWLEDGE" }, late);
    expect(reportedStatus("library-assistant", incident, late)).toEqual([
      { text: "You or Communications team have been asked to keep a screenshot of the post, then delete it if possible.", overdue: false },
    ]);

    send(incident, "comms1", { type: "RECORD_NOT_DELETED", reason: "not_possible", explanation: "Locked." }, late);
    expect(reportedStatus("library-assistant", incident, late)).toEqual([
      { text: "Communications team have been asked to decide how serious it is and how to respond.", overdue: false },
    ]);

    send(incident, "comms1", { type: "ASSESS_RISK", likelihood: 1, impact: 1, reach: 1, factors: [], decision: "do_not_engage", rationale: "Few saw it.", crisisPlanNeeded: false }, late);
    send(incident, "comms1", { type: "LEADER_NOT_NEEDED", reason: "Contained." }, late);
    send(incident, "comms1", { type: "CLOSE", whatHappened: "The hours were corrected within the hour.", lessons: "Check twice.", followUps: [] }, late);
    expect(reportedStatus("library-assistant", incident, late)).toEqual([
      { text: `Closed on ${formatCalendarDate(organisationDate(late))}: The hours were corrected within the hour.`, overdue: false },
    ]);
    // The outcome is the reporter's to read on their home page; others are told only that it is closed.
    const forCommunications = homeLists(test.db, test.user("comms1"), late).communications.find((item) => item.reference === incident.reference)!;
    expect(forCommunications.status).toEqual([{ text: `Closed on ${formatCalendarDate(organisationDate(late))}.`, overdue: false }]);
  });

  it("shows the line manager the work outstanding on each abuse report they support, late work first, never only 'In progress'", () => {
    const abuse = reportStaffAbuse(test.db, test.person("library-assistant"), SAMPLE_ABUSE_REPORT, REPORTED_AT);
    const supported = (key: string, now: Date) =>
      HOME_SECTIONS.flatMap((section) => section.incidents(test.db, test.user(key), now)).find((item) => item.reference === abuse.reference)!;
    const supportDue = dueOf(abuse, "support");

    const atReport = supported("libraries-manager", REPORTED_AT).status;
    expect(atReport.map((line) => line.text)).toContainEqual(expect.stringMatching(/^Record the support offered: waiting for you, .*HR and safety, by /));
    expect(atReport.find((line) => line.text.startsWith("Record the support offered"))!.text).toContain(formatDateTime(supportDue));
    expect(atReport.some((line) => line.text.includes("In progress"))).toBe(false);

    // Support recorded; the wellbeing follow-up falls due days later, and 49 hours after that it is late.
    send(abuse, "libraries-manager", { type: "RECORD_SUPPORT", offered: "A call with the employee assistance line." }, minutesAfter(30));
    const wellbeingDue = dueOf(abuse, "wellbeing");
    const later = new Date(Date.parse(wellbeingDue) + 49 * 60 * 60_000);
    const status = supported("libraries-manager", later).status;
    const wellbeing = status.find((line) => line.text.startsWith("Follow up on their wellbeing"))!;
    expect(wellbeing).toEqual({ text: `Follow up on their wellbeing: waiting for you, Helen Ward (your line manager), Ruth Adeyemi, Marcus Bell or HR and safety. Overdue since ${formatDateTime(wellbeingDue)}.`, overdue: true });
    // Late work first.
    expect(status.map((line) => line.overdue)).toEqual([...status.map((line) => line.overdue)].sort((a, b) => Number(b) - Number(a)));
    expect(status.some((line) => line.text.startsWith("Record the support offered"))).toBe(false);

    // HR and safety see the same work, waiting for them among others.
    expect(supported("hr", later).status).toContainEqual({ text: `Follow up on their wellbeing: waiting for 4 people or HR and safety. Overdue since ${formatDateTime(wellbeingDue)}.`, overdue: true });

    // The member of staff reads the same work as what the others were asked to do for them.
    const own = reportedStatus("library-assistant", abuse, later)!;
    expect(own).toContainEqual({ text: `Owen Price (your line manager), 3 others or HR and safety have been asked to follow up on how you are. Overdue since ${formatDateTime(wellbeingDue)}.`, overdue: true });
  });
});
