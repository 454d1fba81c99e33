import { describe, expect, it } from "vitest";
import { initialTransition, transition } from "xstate";
import { emailTemplateFor } from "../../app/paths/registry";
import { renderEmail } from "../../emails/index";
import { emailDataOf } from "../../machines/kit";
import {
  mistakenPostEmails,
  mistakenPostEventOutcome,
  mistakenPostMachine,
  mistakenPostToldAtReport,
  type MistakenPostContext,
  type MistakenPostEvent,
  type MistakenPostInput,
} from "../../machines/mistaken-post";
import {
  staffAbuseEmails,
  staffAbuseEventOutcome,
  staffAbuseMachine,
  staffAbuseToldAtReport,
  type StaffAbuseEvent,
  type StaffAbuseInput,
} from "../../machines/staff-abuse";

const REPORTED_AT = "2026-11-20T16:55:00.000Z";
const at = (minutes: number) => new Date(Date.parse(REPORTED_AT) + minutes * 60_000).toISOString();

const reporter = { id: 1, name: "Jo Lee" };
const manager = { id: 2, name: "Owen Price" };
const head = { id: 3, name: "Helen Ward" };
const director = { id: 4, name: "Marcus Bell" };

const mistakenPost = (chain: MistakenPostInput["escalationChain"], away: MistakenPostInput["away"]): MistakenPostInput => ({
  reportedAt: REPORTED_AT,
  reporter,
  escalationChain: chain,
  away,
  acknowledgementMinutes: 15,
  post: { platform: "Facebook", account: "@EastbridgeLibraries", link: null, postedAt: at(-5), whatHappened: "Posted the wrong closure notice." },
  policy: { seniorLeaders: [], notifySeniorLeadersFrom: "high", leader: null },
});

/** Runs the machine, returning the context before and after each event's outcome on the timeline. */
function timelineOf(input: MistakenPostInput, ...events: MistakenPostEvent[]) {
  let [snapshot] = initialTransition(mistakenPostMachine, input);
  const said = [mistakenPostEventOutcome(null, snapshot.context, "REPORTED")];
  for (const event of events) {
    const before = snapshot.context;
    [snapshot] = transition(mistakenPostMachine, snapshot, event);
    said.push(mistakenPostEventOutcome(before, snapshot.context, event.type));
  }
  return { said, context: snapshot.context };
}

const overdue = (minutes: number): MistakenPostEvent => ({ type: "ACKNOWLEDGEMENT_OVERDUE", at: at(minutes) });

const acknowledgementEmail = async (context: MistakenPostContext, escalated: boolean) =>
  renderEmail(emailTemplateFor("acknowledgement-requested"), {
    reference: "HF-2026-0001",
    title: "Post made by mistake",
    incidentUrl: "http://localhost/incidents/HF-2026-0001",
    ...emailDataOf(mistakenPostEmails, "acknowledgement-requested", context, { escalated }),
  });

describe("mistaken post: who is told, and why it came to them", () => {
  it("tells the member of staff their line manager was asked when they are in", () => {
    expect(mistakenPostToldAtReport(mistakenPost([manager, head], []))).toBe(
      "Owen Price has been asked to acknowledge it, and the Communications team have been emailed.",
    );
  });

  it("names the manager away and the officer asked instead, in the confirmation, the timeline and the email", async () => {
    const input = mistakenPost([director], [{ officer: manager, askedInstead: 0 }, { officer: head, askedInstead: 0 }]);
    expect(mistakenPostToldAtReport(input)).toBe(
      "Owen Price and Helen Ward are away, so Marcus Bell has been asked to acknowledge it instead, and the Communications team have been emailed.",
    );
    const { said, context } = timelineOf(input);
    expect(said).toEqual(["Owen Price and Helen Ward are away, so Marcus Bell was asked to acknowledge it."]);
    const email = await acknowledgementEmail(context, false);
    expect(email.text).toContain("You are asked because Owen Price and Helen Ward are away today, and you are the next most senior officer.");
  });

  it("says who did not acknowledge in time and who is asked now, and tells the next officer why", async () => {
    const { said, context } = timelineOf(mistakenPost([manager, director], []), overdue(15));
    expect(said).toEqual([null, "Not acknowledged in time by Owen Price. Now asked of Marcus Bell."]);
    const email = await acknowledgementEmail(context, true);
    expect(email.text).toContain("Marcus Bell, Jo Lee has reported a post made by mistake");
    expect(email.text).toContain("You are asked because Owen Price did not acknowledge it within 15 minutes.");
  });

  it("names a manager away between the late officer and the one asked next", async () => {
    const { said, context } = timelineOf(mistakenPost([manager, director], [{ officer: head, askedInstead: 1 }]), overdue(15));
    expect(said[1]).toBe("Not acknowledged in time by Owen Price. Helen Ward is away, so now asked of Marcus Bell.");
    const email = await acknowledgementEmail(context, true);
    expect(email.text).toContain("You are asked because Owen Price did not acknowledge it within 15 minutes, and Helen Ward is away today.");
  });

  it("says when nobody more senior is left to ask", () => {
    const { said } = timelineOf(mistakenPost([manager, director], []), overdue(15), overdue(30));
    expect(said[2]).toBe("Not acknowledged in time by Marcus Bell. Nobody more senior is left to ask, so Communications have been told.");
  });

  it("gives the next officer a deadline of their own, replacing the one that passed", () => {
    const [snapshot] = initialTransition(mistakenPostMachine, mistakenPost([manager, director], []));
    const [, actions] = transition(mistakenPostMachine, snapshot, overdue(15));
    const deadline = actions.find((action) => action.type === "setDeadline");
    expect(deadline?.params).toMatchObject({ dueAt: at(30), description: "Marcus Bell to acknowledge", askedAfresh: true });
  });
});

const abuse = (managers: StaffAbuseInput["managers"], supportingManager: StaffAbuseInput["supportingManager"]): StaffAbuseInput => ({
  reportedAt: REPORTED_AT,
  reporter,
  managers,
  supportingManager,
  report: {
    inDanger: false,
    platform: "X",
    link: null,
    happenedAt: at(-60),
    perpetrator: null,
    whatHappened: "Replies calling me names.",
    kinds: ["harassment"],
    protectedCharacteristics: [],
    connectedToRole: "yes",
    impact: "Upset.",
    noScreenshotReason: "Deleted already.",
  },
  wellbeingFollowUpDays: 3,
  policeReminderHours: 24,
});

const abuseEmail = async (name: string, input: StaffAbuseInput) => {
  const [snapshot] = initialTransition(staffAbuseMachine, input);
  return renderEmail(emailTemplateFor(name), {
    reference: "HF-2026-0002",
    title: "Abuse of Jo Lee on X",
    incidentUrl: "http://localhost/incidents/HF-2026-0002",
    ...emailDataOf(staffAbuseEmails, name, snapshot.context, undefined),
  });
};

describe("staff abuse: who is told, and why it came to them", () => {
  it("tells the member of staff their line manager and HR and safety were told", () => {
    expect(staffAbuseToldAtReport(abuse([manager, director], manager))).toBe("Your line manager, Owen Price, and HR and safety have been told.");
  });

  it("names the line manager away and the manager told instead, in the confirmation and both emails", async () => {
    const input = abuse([manager, director], director);
    expect(staffAbuseToldAtReport(input)).toBe("Owen Price is away today, so Marcus Bell has been told instead, and HR and safety have been told.");
    const toManager = await abuseEmail("abuse-reported-manager", input);
    expect(toManager.text).toContain("You are told because Owen Price is away today, and you are the next manager up.");
    const toHr = await abuseEmail("abuse-reported-hr", input);
    expect(toHr.text).toContain("Owen Price is away today, so Marcus Bell has been told and asked to record the support they offer by");
  });

  it("says so when every manager is away, or there is none", () => {
    expect(staffAbuseToldAtReport(abuse([manager], null))).toBe(
      "Owen Price is away today, so HR and safety have been told and will make sure you are supported; Owen Price will see it when back.",
    );
    expect(staffAbuseToldAtReport(abuse([], null))).toBe(
      "You have no line manager in the directory, so HR and safety have been told and will make sure you are supported.",
    );
  });

  it("says on the timeline whose support is late and who is told", () => {
    const [start] = initialTransition(staffAbuseMachine, abuse([manager, director], director));
    const event: StaffAbuseEvent = { type: "SUPPORT_OVERDUE", at: at(240) };
    const [next] = transition(staffAbuseMachine, start, event);
    expect(staffAbuseEventOutcome(start.context, next.context, event.type)).toBe("Support not recorded in time by Marcus Bell. HR and safety have been told.");
    expect(staffAbuseEventOutcome(null, start.context, "REPORTED")).toBeNull();
  });
});
