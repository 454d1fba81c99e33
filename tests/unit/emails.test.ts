import { describe, expect, it } from "vitest";
import { emailTemplateFor, PATH_MODULES } from "../../app/paths/registry";
import { renderEmail } from "../../emails/index";
import { formatDateTime } from "../../machines/kit/dates";
import { emailDataOf, type EmailExtra } from "../../machines/kit";
import { mistakenPostEmails, type MistakenPostContext } from "../../machines/mistaken-post";
import { PATH_DEFINITIONS } from "../../machines/registry";
import { ABUSE_KINDS, PROTECTED_CHARACTERISTICS, staffAbuseEmails, type StaffAbuseContext, type StaffAbuseEmailContext } from "../../machines/staff-abuse";

const REFERENCE = "HF-2026-0001";
const INCIDENT_URL = `http://localhost:3000/incidents/${REFERENCE}`;

const reporter = { id: 1, name: "Jo Lee" };
const manager = { id: 2, name: "Owen Price" };
const head = { id: 3, name: "Helen Ward" };
const comms = { id: 5, name: "Ellie Marsh" };
const secondComms = { id: 6, name: "Sam Patel" };
const headOfComms = { id: 7, name: "Dan Okafor" };
const chiefExecutive = { id: 8, name: "Ruth Adeyemi" };
const leader = { id: 9, name: "Cllr Tom Reilly" };

/** A mistaken post that went all the way: crisis plan, tasks, the Leader, a response, stand-down and review. */
const context: MistakenPostContext = {
  reportedAt: "2026-11-20T16:55:00.000Z",
  reporter,
  escalationChain: [manager, head],
  acknowledgementMinutes: 15,
  post: {
    platform: "Facebook",
    account: "@EastbridgeLibraries",
    link: "https://facebook.com/EastbridgeLibraries/posts/1",
    postedAt: "2026-11-20T16:50:00.000Z",
    whatHappened: "Posted the closure notice for the wrong library.",
  },
  policy: { seniorLeaders: [headOfComms, chiefExecutive], notifySeniorLeadersFrom: "high", leader },
  askedIndex: 0,
  acknowledgedBy: manager,
  acknowledgedAt: "2026-11-20T17:02:00.000Z",
  chainExhausted: false,
  screenshotCount: 1,
  deletion: { outcome: "deleted", deletedAt: "2026-11-20T17:05:00.000Z", note: null, recordedBy: reporter },
  assessment: {
    likelihood: 4,
    impact: 4,
    reach: 3,
    factors: ["media_interest"],
    decision: "respond",
    rationale: "Residents are already sharing it and the Gazette has asked.",
    crisisPlanNeeded: true,
    severity: "critical",
    assessedBy: comms,
    assessedAt: "2026-11-20T17:25:00.000Z",
    seniorLeadersNotified: true,
  },
  crisisPlan: {
    holdingStatement: "We posted the wrong closure notice by mistake. Hornsey Library is open as usual.",
    spokesperson: "Dan Okafor, Head of Communications",
    audiences: "Library users, local press",
    channels: [1, 2],
    channelNames: ["Libraries Facebook", "Libraries X"],
    reviewAt: "2026-11-20T18:00:00.000Z",
    createdBy: comms,
    createdAt: "2026-11-20T17:30:00.000Z",
  },
  tasks: [
    { title: "Brief library front desks", owner: head, dueAt: "2026-11-20T18:30:00.000Z", status: "in_progress", overdue: true },
    { title: "Call the Gazette back", owner: headOfComms, dueAt: "2026-11-20T17:45:00.000Z", status: "done", overdue: false },
  ],
  leaderDecision: {
    decision: "made_aware",
    summary: "A wrong closure notice went out on the libraries page; corrected within the hour.",
    by: comms,
    at: "2026-11-20T17:40:00.000Z",
  },
  response: {
    text: "Sorry, we posted the wrong notice. Hornsey Library is open today until 8pm.",
    drafter: comms,
    draftedAt: "2026-11-20T17:50:00.000Z",
    checks: { transparent: true, sourcesCited: true, notRushed: true, focused: true },
    toneSignedOffBy: secondComms,
    sentAt: "2026-11-20T18:05:00.000Z",
    where: "Reply on the original Facebook thread",
  },
  standDown: { summary: "Correction is out and comments have settled.", by: comms, at: "2026-11-21T09:30:00.000Z" },
  heldPostReviews: [{ postId: 12, decision: "release", by: comms, at: "2026-11-21T09:40:00.000Z" }],
  closingReview: {
    whatHappened: "A closure notice for another library was posted to the wrong page.",
    lessons: "Check the page before pressing post when working on several accounts.",
    followUps: [{ action: "Add a page check to the posting guidance", owner: "Ellie Marsh" }],
    by: comms,
    at: "2026-11-21T10:00:00.000Z",
  },
};

/** The extra data each mistaken post notify action gives (the rest give none). */
const EXTRA: Record<string, EmailExtra> = {
  "acknowledgement-requested": { escalated: false },
  "crisis-task-assigned": { taskIndex: 0 },
  "crisis-task-overdue": { taskIndex: 0 },
};

/** A mistaken post email's data: what its outbox row would store of this context, with the link. */
const mistakenPostData = (name: string, of: MistakenPostContext = context) => ({
  reference: REFERENCE,
  title: "Wrong closure notice on @EastbridgeLibraries",
  incidentUrl: INCIDENT_URL,
  ...emailDataOf(mistakenPostEmails, name, of, EXTRA[name]),
});

const abused = { id: 11, name: "Priya Shah" };
const abusedManager = { id: 12, name: "Mark Evans" };
const abusedHead = { id: 13, name: "Carol Dunn" };
const hrOfficer = { id: 14, name: "Grace Hollis" };

/**
 * A staff abuse report that went all the way: screenshots, blocking, the police, support and the
 * wellbeing follow-up, removal with Communications' help and Report Harmful Content, then closed.
 */
const abuseContext: StaffAbuseContext = {
  reportedAt: "2026-11-23T09:05:00.000Z",
  reporter: abused,
  managers: [abusedManager, abusedHead],
  supportingManager: abusedManager,
  report: {
    inDanger: true,
    platform: "X",
    link: "https://x.com/binwatch77/status/1861234567",
    happenedAt: "2026-11-23T08:40:00.000Z",
    perpetrator: "@binwatch77",
    whatHappened: "Replied to the bin collection post calling me useless and saying he knows which depot I work at.",
    kinds: ["threat", "hate"],
    protectedCharacteristics: ["religion"],
    connectedToRole: "yes",
    impact: "I could not sleep and I am frightened to walk to my car after work.",
    noScreenshotReason: null,
  },
  wellbeingFollowUpDays: 7,
  policeReminderHours: 24,
  screenshotCount: 1,
  blocking: { steps: ["Blocked @binwatch77", "Made my personal account private"], by: abused, at: "2026-11-23T09:20:00.000Z" },
  police: {
    outcome: "reported",
    route: "101",
    reportedAt: "2026-11-24T10:30:00.000Z",
    crimeReference: "14/88231/26",
    officer: "PC Amir Khan",
    by: abused,
    at: "2026-11-24T10:45:00.000Z",
  },
  policeReminders: 1,
  support: {
    offered: "Called Priya the same morning. She can work from the Town Hall this week, and I have referred her to the employee assistance programme.",
    by: abusedManager,
    at: "2026-11-23T10:15:00.000Z",
  },
  wellbeing: { notes: "Still anxious about the journey home; agreed a later start for another week.", by: abusedManager, at: "2026-11-30T11:00:00.000Z" },
  removal: {
    requestedAt: "2026-11-23T11:00:00.000Z",
    communicationsHelpAsked: true,
    answer: { outcome: "removed", notes: "Suspended after Report Harmful Content mediated.", by: comms, at: "2026-11-26T15:00:00.000Z" },
    notNeededReason: null,
    harmfulContentRouteOffered: true,
  },
  outcome: {
    summary: "Reported to the police and the account was suspended. Priya is back at her usual depot.",
    by: hrOfficer,
    at: "2026-12-01T14:00:00.000Z",
  },
};

/** A staff abuse email's data: what its outbox row would store of this context (never the whole of it), with the link. */
const abuseData = (name: string, of: StaffAbuseEmailContext = abuseContext) => ({
  reference: REFERENCE,
  title: "Abuse of Priya Shah on X",
  incidentUrl: INCIDENT_URL,
  ...emailDataOf(staffAbuseEmails, name, of, undefined),
});

/** Every path's templates, by name, as the outbox worker finds them. */
const templates = Object.fromEntries(PATH_MODULES.flatMap((module) => Object.keys(module.emails)).map((name) => [name, emailTemplateFor(name)]));

const render = (name: string, data: Record<string, unknown>) => renderEmail(emailTemplateFor(name), data);

/** The staff abuse templates, by name. */
const ABUSE_TEMPLATES = Object.keys(staffAbuseEmails);

const dataFor = (name: string) => (name in staffAbuseEmails ? abuseData(name) : mistakenPostData(name));

/** For every template: its exact subject, and facts only that email carries. */
const expected: Record<string, { subject: string; facts: string[] }> = {
  "acknowledgement-requested": {
    subject: `${REFERENCE}: please acknowledge a post made by mistake`,
    facts: ["Owen Price, Jo Lee has reported a post made by mistake"],
  },
  "mistaken-post-reported": {
    subject: `${REFERENCE}: a post was made by mistake on @EastbridgeLibraries`,
    facts: ["What happened: Posted the closure notice for the wrong library."],
  },
  "incident-acknowledged": {
    subject: `${REFERENCE}: your report has been acknowledged`,
    facts: ["Owen Price has acknowledged your report"],
  },
  "acknowledgement-missed": {
    subject: `${REFERENCE}: nobody has acknowledged this report`,
    facts: ["Everyone in Jo Lee's reporting line was asked"],
  },
  "senior-leaders-notified": {
    subject: `${REFERENCE}: severity critical: senior leaders informed`,
    facts: [
      "Severity: Critical",
      "Decision: Respond as the organisation",
      "Why: Residents are already sharing it and the Gazette has asked.",
      "What makes it worse: Journalists are already asking",
      `Assessed by: Ellie Marsh, ${formatDateTime("2026-11-20T17:25:00.000Z")}`,
      "They are making a crisis communication plan",
    ],
  },
  "crisis-plan-in-force": {
    subject: `${REFERENCE}: crisis plan in force, scheduled posts stopped`,
    facts: [
      "We posted the wrong closure notice by mistake. Hornsey Library is open as usual.",
      "Spokesperson: Dan Okafor, Head of Communications",
      "Scheduled posts stopped on: Libraries Facebook, Libraries X",
      `Plan to be reviewed: ${formatDateTime("2026-11-20T18:00:00.000Z")}`,
      `Brief library front desks: Helen Ward, due ${formatDateTime("2026-11-20T18:30:00.000Z")} (In progress, overdue)`,
      "Call the Gazette back: Dan Okafor",
    ],
  },
  "crisis-task-assigned": {
    subject: `${REFERENCE}: a crisis task for you: Brief library front desks`,
    facts: [
      "Helen Ward, Communications have given you a task",
      "Task: Brief library front desks",
      `Due: ${formatDateTime("2026-11-20T18:30:00.000Z")}`,
      "refer questions to Dan Okafor, Head of Communications",
    ],
  },
  "crisis-task-overdue": {
    subject: `${REFERENCE}: crisis task overdue: Brief library front desks`,
    facts: [
      `The crisis task “Brief library front desks”, owned by Helen Ward, was due at ${formatDateTime("2026-11-20T18:30:00.000Z")}`,
      "Dan Okafor has been sent this email too",
      "Status: In progress",
    ],
  },
  "leader-made-aware": {
    subject: `${REFERENCE}: for the Leader's awareness`,
    facts: [
      "Cllr Tom Reilly, Communications are letting you know",
      "A wrong closure notice went out on the libraries page; corrected within the hour.",
      "Severity: Critical",
    ],
  },
  "response-tone-check": {
    subject: `${REFERENCE}: a response needs its tone checked`,
    facts: [
      "Ellie Marsh has drafted the organisation's response",
      "someone other than Ellie Marsh",
      "Sorry, we posted the wrong notice. Hornsey Library is open today until 8pm.",
    ],
  },
  "crisis-stood-down": {
    subject: `${REFERENCE}: crisis stood down`,
    facts: [
      "Correction is out and comments have settled.",
      "Crisis tasks done: 1 of 2",
      "Crisis plan in force for: 16 hours",
      "(Reply on the original Facebook thread)",
    ],
  },
  "incident-closed": {
    subject: `${REFERENCE}: closed`,
    facts: [
      "Check the page before pressing post when working on several accounts.",
      "Add a page check to the posting guidance (Ellie Marsh)",
    ],
  },
  "abuse-reported-manager": {
    subject: `${REFERENCE}: a member of your team has been abused online`,
    facts: [
      "Mark Evans, Priya Shah, a member of your team, has been abused online because of their job",
      "Priya Shah said they were in danger when they reported it.",
      "record the support you have offered in Holdfast",
      `If nothing is recorded by ${formatDateTime("2026-11-23T13:05:00.000Z")}, HR and safety will be told`,
      "Member of staff: Priya Shah",
      "Platform: X",
      `When it happened: ${formatDateTime("2026-11-23T08:40:00.000Z")}`,
      "Said they were in danger: Yes",
    ],
  },
  "abuse-reported-hr": {
    subject: `${REFERENCE}: violence and aggression report: online abuse of a member of staff`,
    facts: [
      "This is their violence and aggression report.",
      `Their line manager, Mark Evans, has been told and asked to record the support they offer by ${formatDateTime("2026-11-23T13:05:00.000Z")}`,
      "Said they were in danger: Yes",
      `Reported: ${formatDateTime("2026-11-23T09:05:00.000Z")}`,
    ],
  },
  "abuse-police-reminder": {
    subject: `${REFERENCE}: police report not yet recorded`,
    facts: [
      `Priya Shah's report of online abuse on X, made on ${formatDateTime("2026-11-23T09:05:00.000Z")}, does not yet record a police report, or a reason not to make one.`,
      "If anyone is in immediate danger, call 999. Otherwise, you can report it to the police on 101 or online",
      "can also be reported to True Vision at https://www.report-it.org.uk",
      "Holdfast will remind you every 24 hours",
    ],
  },
  "abuse-support-recorded": {
    subject: `${REFERENCE}: the support offered to you has been recorded`,
    facts: [
      "Priya Shah, Mark Evans has recorded in Holdfast the support they have offered you",
      `in 7 days, around ${formatDateTime("2026-11-30T10:15:00.000Z")}`,
      "You can read what they recorded in your report in Holdfast.",
      `Recorded by: Mark Evans, ${formatDateTime("2026-11-23T10:15:00.000Z")}`,
    ],
  },
  "abuse-support-overdue": {
    subject: `${REFERENCE}: support not yet recorded by the line manager`,
    facts: [
      "Their line manager, Mark Evans, was asked to record the support they offered within 4 hours, and nothing has been recorded yet.",
      "contact Mark Evans, or Priya Shah directly",
      "Said they were in danger: Yes",
    ],
  },
  "abuse-wellbeing-due": {
    subject: `${REFERENCE}: wellbeing follow-up due`,
    facts: [
      `Mark Evans, you recorded the support you offered Priya Shah on ${formatDateTime("2026-11-23T10:15:00.000Z")}`,
      "record the follow-up in Holdfast",
    ],
  },
  "abuse-removal-help": {
    subject: `${REFERENCE}: help asked to get abusive content removed from X`,
    facts: [
      "has asked Communications to help get the content removed from X.",
      "Link to the content: https://x.com/binwatch77/status/1861234567",
      `Removal asked of the platform: ${formatDateTime("2026-11-23T11:00:00.000Z")}`,
      "If the platform has not acted 48 hours after it was asked, Report Harmful Content can mediate",
    ],
  },
  "abuse-harmful-content-route": {
    subject: `${REFERENCE}: the platform has not acted, Report Harmful Content can help`,
    facts: [
      `Priya Shah, you asked X to remove the content on ${formatDateTime("2026-11-23T11:00:00.000Z")}, and 48 hours later`,
      "Report Harmful Content, from the UK Safer Internet Centre",
      "It needs the platform's answer to your report or, if there has not been one, the date you reported it",
      "Report Harmful Content does not deal with criminal content",
      "report those to the police instead",
      `You asked the platform to remove it: ${formatDateTime("2026-11-23T11:00:00.000Z")}`,
    ],
  },
  "abuse-closed": {
    subject: `${REFERENCE}: report closed`,
    facts: [
      "has been closed by Grace Hollis.",
      "The outcome and the whole record are kept in Holdfast",
      `Closed: Grace Hollis, ${formatDateTime("2026-12-01T14:00:00.000Z")}`,
    ],
  },
};

describe("email templates", () => {
  // tsc holds each path's templates to its contracts and its notify actions to its template names;
  // this holds each path module to its own definition's contracts, with no name taken by two paths.
  it("has exactly one template for each email contract of each path, and no other", () => {
    for (const module of PATH_MODULES) expect(Object.keys(module.emails).sort(), module.definition.kind).toEqual(Object.keys(module.definition.emails).sort());
    const contracts = PATH_DEFINITIONS.flatMap((path) => Object.keys(path.emails));
    expect(new Set(contracts).size).toBe(contracts.length);
    expect(Object.keys(templates).sort()).toEqual(contracts.sort());
  });

  it("finds no template for a name no path has", () => {
    expect(() => emailTemplateFor("no-such-email")).toThrow('No email template called "no-such-email"');
  });

  it("is tested for every template it has", () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(templates).sort());
  });

  it.each(Object.keys(templates))("renders %s with its subject, a link to the incident and its facts", async (name) => {
    const email = await render(name, dataFor(name));
    expect(email.subject.startsWith(`${REFERENCE}:`)).toBe(true);
    expect(email.subject).toBe(expected[name].subject);
    expect(email.html).toContain(`href="${INCIDENT_URL}"`);
    expect(email.text).toContain(INCIDENT_URL);
    for (const fact of expected[name].facts) expect(email.text).toContain(fact);
  });

  it("says all channels when the crisis plan stopped every channel", async () => {
    const allChannels = { ...context, crisisPlan: { ...context.crisisPlan!, channels: "all" as const, channelNames: [] } };
    const email = await render("crisis-plan-in-force", mistakenPostData("crisis-plan-in-force", allChannels));
    expect(email.text).toContain("Scheduled posts stopped on: all channels");
  });

  describe("staff abuse emails keep the report private", () => {
    const report = abuseContext.report;
    /** Written by the person (or their manager) and kept behind sign-in: never in an email. */
    const neverEmailed = [
      report.whatHappened,
      report.impact,
      report.perpetrator!,
      abuseContext.wellbeing!.notes,
      abuseContext.removal.answer!.notes,
      abuseContext.support!.offered,
      abuseContext.outcome!.summary,
      abuseContext.police!.outcome === "reported" ? abuseContext.police!.crimeReference! : "",
      ...report.kinds.map((kind) => ABUSE_KINDS[kind]),
      ...report.protectedCharacteristics.map((characteristic) => PROTECTED_CHARACTERISTICS[characteristic]),
    ];

    it.each(Object.keys(templates))("%s does not carry what happened, the impact or the protected characteristic", async (name) => {
      const email = await render(name, dataFor(name));
      for (const field of [email.subject, email.text, email.html]) {
        for (const secret of neverEmailed) expect(field).not.toContain(secret);
        // Distinctive phrases too, so that a shortened or escaped copy is caught.
        expect(field).not.toContain("knows which depot");
        expect(field).not.toContain("frightened to walk");
        expect(field).not.toMatch(/religion/i);
      }
    });

    it.each(ABUSE_TEMPLATES)("%s says nothing of the kind of abuse, the protected characteristic, the impact or whether it was linked to the job", async (name) => {
      const other: StaffAbuseContext = {
        ...abuseContext,
        report: { ...report, kinds: ["harassment"], protectedCharacteristics: [], impact: "Upset.", connectedToRole: "not_sure" },
      };
      const rendered = async (context: StaffAbuseEmailContext) => {
        const email = await render(name, abuseData(name, context));
        return [email.subject, email.text, email.html];
      };
      // The same row and byte for byte the same email whatever the kind: nothing in it can mark a hate incident.
      expect(abuseData(name, abuseContext)).toStrictEqual(abuseData(name, other));
      expect(await rendered(abuseContext)).toEqual(await rendered(other));
      for (const field of await rendered(abuseContext)) expect(field).not.toMatch(/kind of abuse|hate:|harassment|threat of violence/i);
    });

    /** Every field of the data, as the path to it, down to its plain values. */
    const fieldsOf = (value: unknown, path: string[] = []): string[][] =>
      value !== null && typeof value === "object" ? Object.entries(value).flatMap(([key, inner]) => fieldsOf(inner, [...path, key])) : [path];

    /** A different value of the same kind: a time a day later, other words, another number, the other answer. */
    function changed(value: unknown): unknown {
      if (typeof value === "boolean") return !value;
      if (typeof value === "number") return value + 1;
      if (typeof value === "string") return /^\d{4}-\d\d-\d\dT/.test(value) ? new Date(Date.parse(value) + 86_400_000).toISOString() : `${value} (changed)`;
      throw new Error(`Cannot change ${String(value)}: give the test data a value here`);
    }

    function withField(data: Record<string, unknown>, [key, ...rest]: string[]): Record<string, unknown> {
      return { ...data, [key]: rest.length === 0 ? changed(data[key]) : withField(data[key] as Record<string, unknown>, rest) };
    }

    // The reference, title and link go with every row (db/outbox-data.ts); the rest is the contract's.
    it.each(ABUSE_TEMPLATES)("%s stores in its outbox row no field its email does not show", async (name) => {
      const data = abuseData(name);
      const stored = JSON.stringify(staffAbuseEmails[name as keyof typeof staffAbuseEmails](abuseContext));
      for (const key of ["whatHappened", "perpetrator", "impact", "kinds", "protectedCharacteristics", "connectedToRole", "police", "wellbeing", "blocking", "managers"]) {
        expect(stored).not.toContain(`"${key}"`);
      }
      const email = await render(name, data);
      for (const field of fieldsOf(staffAbuseEmails[name as keyof typeof staffAbuseEmails](abuseContext))) {
        const other = await render(name, withField(data, field));
        expect(other.text, `${name}: ${field.join(".")} changes nothing in the email`).not.toBe(email.text);
      }
    });

    it("tells only the line manager and HR and safety whether the person said they were in danger", async () => {
      const told = [];
      for (const name of ABUSE_TEMPLATES) {
        if ((await render(name, abuseData(name))).text.includes("Said they were in danger:")) told.push(name);
      }
      expect(told.sort()).toEqual(["abuse-reported-hr", "abuse-reported-manager", "abuse-support-overdue"]);
    });

    it("gives the link to the content only to Communications helping to remove it", async () => {
      const withLink = [];
      for (const name of ABUSE_TEMPLATES) {
        if ((await render(name, abuseData(name))).text.includes(report.link!)) withLink.push(name);
      }
      expect(withLink).toEqual(["abuse-removal-help"]);
    });
  });

  it("tells the line manager calmly when the person said they were not in danger", async () => {
    const safe = { ...abuseContext, report: { ...abuseContext.report, inDanger: false } };
    const email = await render("abuse-reported-manager", abuseData("abuse-reported-manager", safe));
    expect(email.text).toContain("Priya Shah said they were not in danger when they reported it.");
    expect(email.text).toContain("Said they were in danger: No");
    expect(email.text).not.toContain("call 999");
  });

  it("asks HR and safety to step in when no line manager is in today", async () => {
    const away = { ...abuseContext, supportingManager: null };
    const hr = await render("abuse-reported-hr", abuseData("abuse-reported-hr", away));
    expect(hr.text).toContain("Nobody in their management line is in today, so Mark Evans will see it when they are back.");
    const manager = await render("abuse-reported-manager", abuseData("abuse-reported-manager", away));
    expect(manager.text).toContain("Mark Evans, Priya Shah, a member of your team");
    expect(manager.text).toContain("Holdfast shows you as away today");
    const overdue = await render("abuse-support-overdue", abuseData("abuse-support-overdue", away));
    expect(overdue.text).toContain("Nobody in their management line was in to be asked (Mark Evans is away)");
  });

  it("asks Communications to report it to the platform when nobody has yet, and says when there is no link", async () => {
    const notAsked = {
      ...abuseContext,
      report: { ...abuseContext.report, link: null },
      removal: { ...abuseContext.removal, requestedAt: null, answer: null, harmfulContentRouteOffered: false },
    };
    const email = await render("abuse-removal-help", abuseData("abuse-removal-help", notAsked));
    expect(email.text).toContain("Nobody has asked X to remove it yet");
    expect(email.text).toContain("Link to the content: No link was given");
    expect(email.text).toContain("Removal asked of the platform: Not yet");
  });

  it("refuses to queue a task email for a task that does not exist, rather than a blank one", () => {
    expect(() => emailDataOf(mistakenPostEmails, "crisis-task-assigned", context, { taskIndex: 5 })).toThrow(/no crisis task 5/);
  });
});
