import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { evidencePack } from "../../app/models/evidence-pack.server";
import { incidentPage, sendIncidentEvent, workAwaited } from "../../app/models/incidents.server";
import { sentNotice } from "../../app/models/report-sending.server";
import { mistakenPostTold, reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { staffAbuseTold } from "../../app/paths/staff-abuse/model.server";
import { fireDueDeadlines } from "../../app/workers/deadlines.server";
import { deliverDueEmails, type Mailer } from "../../app/workers/outbox.server";
import { asc, eq } from "drizzle-orm";
import { incidentEvents, type Incident } from "../../db/schema";
import { applyEvent, hashTimelineEvent } from "../../db/workflow";
import { formatTimeSaid } from "../../machines/kit/dates";
import type { MistakenPostDetails } from "../../machines/mistaken-post";
import type { TestDatabase } from "../helpers/database";
import { startMailRig, stopMailRig } from "../helpers/mail-rig";
import type { SmtpPeer } from "../helpers/smtp";
import { reportAbuseAs } from "../helpers/staff-abuse";

/**
 * Escalation told as it happened, on a real database and over real SMTP: in the demo
 * organisation Helen Ward (Head of Community Services) is on leave, so the officer above her is
 * asked in her place, and whoever is told says so.
 */

const APP_URL = "http://holdfast.test";
// Reported a little while ago, so the first deadline has passed by now on the page's clock.
const REPORTED = new Date(Date.now() - 20 * 60_000);
const minutesAfterReport = (minutes: number) => new Date(REPORTED.getTime() + minutes * 60_000);

const post: MistakenPostDetails = {
  platform: "Facebook",
  account: "@EastbridgeLibraries",
  link: null,
  postedAt: REPORTED.toISOString(),
  whatHappened: "Posted the closure notice for the wrong library.",
};

let test: TestDatabase;
let smtp: SmtpPeer;
let mailer: Mailer;

beforeEach(async () => {
  ({ test, smtp, mailer } = await startMailRig(REPORTED));
});
afterEach(() => stopMailRig({ test, smtp, mailer }));

const deliver = (now: Date) => deliverDueEmails(test.db, { send: mailer.send, from: "holdfast@holdfast.test", appUrl: APP_URL, now: () => now });

const mailTo = (address: string) => smtp.received.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text === address);

/** The timeline as the incident page shows it to this person: each entry's label and what it says it did. */
const timelineOn = (incident: Incident, viewer: string) =>
  incidentPage(test.db, incident.reference, test.user(viewer))!.timeline.map((entry) => ({ label: entry.label, outcome: entry.outcome }));

describe("a mistaken post with the line manager away", () => {
  it("tells the member of staff, the timeline and the officer asked who was away and who was asked instead", async () => {
    // Ben Carter's line manager is Helen Ward, who is on leave.
    const incident = reportMistakenPost(test.db, test.person("hub-officer"), post, REPORTED);
    expect(sentNotice({ ok: true, incident, repeated: false }, mistakenPostTold(incident))).toBe(
      `Your report ${incident.reference} has been sent. Helen Ward is away, so Marcus Bell has been asked to acknowledge it instead, and the Communications team have been emailed.`,
    );
    expect(timelineOn(incident, "hub-officer")).toEqual([{ label: "Reported", outcome: "Helen Ward is away, so Marcus Bell was asked to acknowledge it." }]);

    await deliver(REPORTED);
    const [toMarcus] = mailTo("marcus.bell@eastbridge.gov.uk");
    expect(toMarcus.text).toContain("You are asked because Helen Ward is away today, and you are the next most senior officer.");
  });
});

describe("a mistaken post not acknowledged in time", () => {
  it("says who did not acknowledge, who was away and who is asked now, and the officer asked is not late", async () => {
    const incident = reportMistakenPost(test.db, test.person("library-assistant"), post, REPORTED);
    expect(mistakenPostTold(incident)).toBe("Owen Price has been asked to acknowledge it, and the Communications team have been emailed.");
    expect(fireDueDeadlines(test.db, minutesAfterReport(16))).toEqual({ fired: 1, dropped: 0 });

    expect(timelineOn(incident, "comms1").at(-1)).toEqual({
      label: "Not acknowledged in time",
      outcome: "Not acknowledged in time by Owen Price. Helen Ward is away, so now asked of Marcus Bell.",
    });
    // The evidence pack keeps it too, and the timeline's hash chain holds with it stored.
    const pack = evidencePack(test.db, incident, test.user("comms1"));
    expect(pack.timeline.at(-1)?.outcome).toBe("Not acknowledged in time by Owen Price. Helen Ward is away, so now asked of Marcus Bell.");
    const stored = test.db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, incident.id)).orderBy(asc(incidentEvents.sequence)).all();
    stored.forEach(({ id: _id, hash, ...fields }, index) => {
      expect(hashTimelineEvent(fields)).toBe(hash);
      if (index > 0) expect(fields.previousHash).toBe(stored[index - 1].hash);
    });

    await deliver(minutesAfterReport(16));
    const [toMarcus] = mailTo("marcus.bell@eastbridge.gov.uk");
    expect(toMarcus.text).toContain("You are asked because Owen Price did not acknowledge it within 15 minutes, and Helen Ward is away today.");

    // Asked 4 minutes ago, with 15 minutes to answer: not overdue on the page or in their work.
    const page = incidentPage(test.db, incident.reference, test.user("dir-people"))!;
    expect(page.deadlines).toEqual([{ description: "Marcus Bell to acknowledge", dueAt: minutesAfterReport(31).toISOString(), overdue: false }]);
    expect(workAwaited(test.db, test.user("dir-people"), new Date())).toEqual([
      expect.objectContaining({ reference: incident.reference, dueAt: minutesAfterReport(31).toISOString(), overdue: false }),
    ]);
    expect(workAwaited(test.db, test.user("dir-people"), minutesAfterReport(32))[0].overdue).toBe(true);
  });
});

describe("a staff abuse report with the line manager away", () => {
  it("tells the member of staff and the manager told instead why it came to them, and the timeline who let support pass", async () => {
    const incident = reportAbuseAs(test, "hub-officer");
    expect(staffAbuseTold(incident)).toBe("Helen Ward is away today, so Marcus Bell has been told instead, and HR and safety have been told.");
    await deliver(new Date());
    const [toMarcus] = mailTo("marcus.bell@eastbridge.gov.uk");
    expect(toMarcus.text).toContain("You are told because Helen Ward is away today, and you are the next manager up.");

    fireDueDeadlines(test.db, new Date(Date.now() + 5 * 60 * 60_000));
    expect(timelineOn(incident, "hr").at(-1)).toEqual({ label: "Support not yet recorded", outcome: "Support not recorded in time by Marcus Bell. HR and safety have been told." });
  });
});

describe("two people sending the same step", () => {
  /** A mistaken post at the crisis plan step, as Communications see it. */
  function atCrisisPlan(): Incident {
    const incident = reportMistakenPost(test.db, test.person("library-assistant"), post, REPORTED);
    const send = (key: string, event: Record<string, unknown> & { type: string }, minutes: number) => {
      const person = test.user(key);
      return applyEvent(test.db, { incidentId: incident.id, event: { ...event, by: person }, actor: person, now: minutesAfterReport(minutes) });
    };
    send("libraries-manager", { type: "ACKNOWLEDGE" }, 2);
    send("library-assistant", { type: "RECORD_NOT_DELETED", reason: "not_appropriate", explanation: "Comms want it kept for now." }, 3);
    return send("comms1", {
      type: "ASSESS_RISK",
      likelihood: 4,
      impact: 4,
      reach: 3,
      factors: [],
      decision: "respond",
      rationale: "Residents are sharing it.",
      crisisPlanNeeded: true,
    }, 4);
  }

  const crisisPlan = {
    type: "CREATE_CRISIS_PLAN",
    holdingStatement: "We posted the wrong notice by mistake.",
    spokesperson: "Dan Okafor",
    audiences: "Library users",
    channels: "all",
    channelNames: ["All channels"],
    reviewAt: minutesAfterReport(120).toISOString(),
    tasks: [],
  };

  it("tells the one who lost who did what and when, and that nothing is left for them to do", () => {
    const incident = atCrisisPlan();
    const first = sendIncidentEvent(test.db, { incident, expectedVersion: incident.version, user: test.user("comms1"), event: crisisPlan });
    if (!first.ok) throw new Error(first.message);
    const second = sendIncidentEvent(test.db, { incident, expectedVersion: incident.version, user: test.user("comms2"), event: crisisPlan });
    if (second.ok) throw new Error("The second crisis plan was taken");
    const when = formatTimeSaid(first.incident.updatedAt, new Date());
    expect(second.code).toBe("conflict");
    expect(second.message).toBe(`Ellie Marsh put the crisis plan in force at ${when}. So yours was not needed, and there is nothing more for you to do here.`);
  });

  it("asks them to send theirs again only when the incident would still take it", () => {
    const incident = reportMistakenPost(test.db, test.person("library-assistant"), post, REPORTED);
    const acknowledged = sendIncidentEvent(test.db, { incident, expectedVersion: 1, user: test.user("libraries-manager"), event: { type: "ACKNOWLEDGE" } });
    if (!acknowledged.ok) throw new Error(acknowledged.message);
    const when = formatTimeSaid(acknowledged.incident.updatedAt, new Date());
    const twice = sendIncidentEvent(test.db, { incident, expectedVersion: 1, user: test.user("libraries-manager"), event: { type: "ACKNOWLEDGE" } });
    expect(twice).toMatchObject({ ok: false, message: `Owen Price acknowledged this report at ${when}. So yours was not needed, and there is nothing more for you to do here.` });
    const deletion = { type: "RECORD_NOT_DELETED", reason: "not_appropriate", explanation: "Kept for now." };
    const stillOpen = sendIncidentEvent(test.db, { incident, expectedVersion: 1, user: test.user("comms1"), event: deletion });
    expect(stillOpen).toMatchObject({
      ok: false,
      code: "conflict",
      message: `Owen Price acknowledged this report at ${when}. Check the incident as it is now, then send yours again if it is still needed.`,
    });
  });

  it("tells an officer overtaken by a deadline what Holdfast did, and to send theirs again since it is still theirs to do", () => {
    const incident = reportMistakenPost(test.db, test.person("library-assistant"), post, REPORTED);
    fireDueDeadlines(test.db, minutesAfterReport(16));
    const escalated = incidentPage(test.db, incident.reference, test.user("comms1"))!.timeline.at(-1)!;
    const late = sendIncidentEvent(test.db, { incident, expectedVersion: 1, user: test.user("libraries-manager"), event: { type: "ACKNOWLEDGE" } });
    expect(late).toMatchObject({
      ok: false,
      code: "conflict",
      message: `At ${formatTimeSaid(escalated.at, new Date())}: Not acknowledged in time by Owen Price. Helen Ward is away, so now asked of Marcus Bell. Check the incident as it is now, then send yours again if it is still needed.`,
    });
  });
});
