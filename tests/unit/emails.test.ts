import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderEmail, templates } from "../../emails/index";
import { formatDateTime } from "../../app/utils/dates";
import type { MistakenPostContext } from "../../machines/mistaken-post";

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
  screenshots: [
    { originalName: "post.png", mediaType: "image/png", sizeBytes: 1200, sha256: "a".repeat(64), storagePath: "2026/11/post.png" },
  ],
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

const baseData = {
  reference: REFERENCE,
  title: "Wrong closure notice on @EastbridgeLibraries",
  kind: "mistaken_post",
  incidentUrl: INCIDENT_URL,
  context,
  taskIndex: 0,
  drafter: "Ellie Marsh",
  escalated: false,
};

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
};

/** Every `template: "…"` a machine's notify action names. */
function templatesUsedByMachines(): string[] {
  const directory = fileURLToPath(new URL("../../machines/", import.meta.url));
  const names = new Set<string>();
  for (const file of readdirSync(directory).filter((name) => name.endsWith(".ts"))) {
    const source = readFileSync(`${directory}${file}`, "utf8");
    for (const match of source.matchAll(/template:\s*"([^"]+)"/g)) names.add(match[1]);
  }
  return [...names].sort();
}

describe("email templates", () => {
  it("has a template for every email a machine asks for", () => {
    const used = templatesUsedByMachines();
    expect(used).toContain("acknowledgement-requested");
    expect(used).toContain("incident-closed");
    expect(used.filter((name) => !(name in templates))).toEqual([]);
  });

  it("is tested for every template it has", () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(templates).sort());
  });

  it.each(Object.keys(templates))("renders %s with its subject, a link to the incident and its facts", async (name) => {
    const email = await renderEmail(name, baseData);
    expect(email.subject.startsWith(`${REFERENCE}:`)).toBe(true);
    expect(email.subject).toBe(expected[name].subject);
    expect(email.html).toContain(`href="${INCIDENT_URL}"`);
    expect(email.text).toContain(INCIDENT_URL);
    for (const fact of expected[name].facts) expect(email.text).toContain(fact);
  });

  it("says all channels when the crisis plan stopped every channel", async () => {
    const allChannels = { ...context, crisisPlan: { ...context.crisisPlan!, channels: "all" as const, channelNames: [] } };
    const email = await renderEmail("crisis-plan-in-force", { ...baseData, context: allChannels });
    expect(email.text).toContain("Scheduled posts stopped on: all channels");
  });

  it("refuses to send a task email for a task that does not exist, rather than a blank one", async () => {
    await expect(renderEmail("crisis-task-assigned", { ...baseData, taskIndex: 5 })).rejects.toThrow(/no crisis task 5/);
  });
});
