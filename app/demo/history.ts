import { and, asc, eq, gt, inArray, lte, max, sql } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "../../db/client";
import { DEMO_PEOPLE, demoEmail } from "../../db/seed";
import { deadlines, incidents, outbox, people, personRoles, type Incident } from "../../db/schema";
import { applyEvent, storedContext, type Actor } from "../../db/workflow";
import { evidenceFactsOf } from "../../machines/kit";
import { addCalendarDays, organisationClockParts, organisationDate, organisationLocalToUtc } from "../../machines/kit/dates";
import { PATH_MODULES } from "../paths/registry";
import { discardStoredEvidence, receiveEvidenceUpload, type StoredEvidence } from "../utils/evidence.server";
import { fireDueDeadlines } from "../workers/deadlines.server";
import { isSharedAction, type DemoStories, type PathAction, type SharedAction, type Story, type StoryActor, type When } from "./stories";

/**
 * The demo organisation's history (decision 12): every path's stories (its module's
 * demoStories) played through the workflow with a simulated clock. Every report goes through its
 * path's report function and every step through applyEvent, as the person named, with the version
 * they would have seen and the time it happened; before each step, the deadlines that fell due in the
 * meantime fire at their own due times through fireDueDeadlines, as the worker would have fired
 * them. So the timelines, hash chains, deadlines, evidence, channel pauses and emails are made
 * exactly as in real use.
 *
 * The emails the history wrote are then marked `not_sent_demo`: the outbox worker only sends
 * `pending` rows, so nobody is emailed about things that never happened.
 */

export interface DemoHistorySummary {
  incidents: number;
  /** Incidents not yet closed. */
  open: number;
  /** Steps people took (the deadlines' own events come on top). */
  events: number;
  /** Screenshots stored and attached. */
  files: number;
  /** Outbox rows the history wrote, all marked `not_sent_demo`. */
  emailsNotSent: number;
}

// ---------------------------------------------------------------------------------------------
// The calendar: working days counted back from today, in the organisation's zone

function isWeekend(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The working day `count` working days after (or, when negative, before) the given date. */
function workingDaysFrom(isoDate: string, count: number): string {
  let date = isoDate;
  for (let left = Math.abs(count); left > 0; ) {
    date = addCalendarDays(date, Math.sign(count));
    if (!isWeekend(date)) left -= 1;
  }
  return date;
}

function localMoment(isoDate: string, time: string): Date {
  const moment = organisationLocalToUtc(`${isoDate}T${time}`);
  if (!moment) throw new Error(`Demo history: ${isoDate} ${time} is not a time in the organisation's zone`);
  return moment;
}

const minutesAfter = (moment: Date, minutes: number) => new Date(moment.getTime() + minutes * 60_000);

// ---------------------------------------------------------------------------------------------
// The plan: every story's report and steps with their moments

interface PlannedStep {
  at: Date;
  by: StoryActor;
  action: SharedAction | PathAction;
  /** For a screenshot: which stored file it attaches. */
  screenshotIndex: number | null;
}

interface PlannedStory {
  story: Story;
  /** The path whose story it is. */
  kind: string;
  path: DemoStories;
  /** Its place among all paths' stories, in the registry's order. */
  index: number;
  reportDate: string;
  reportedAt: Date;
  steps: PlannedStep[];
}

interface PlannedScreenshot {
  storyIndex: number;
  platform: string;
  at: Date;
  seed: number;
}

/** A moment a story names: minutes after `previous`, or a working day after the report day at a local time. */
function momentOf(when: When, previous: Date, reportDate: string): Date {
  return typeof when === "number" ? minutesAfter(previous, when) : localMoment(workingDaysFrom(reportDate, when[0]), when[1]);
}

function planHistory(now: Date) {
  const today = organisationDate(now);
  const screenshots: PlannedScreenshot[] = [];
  const told = PATH_MODULES.flatMap((module) => module.demoStories.stories.map((story) => ({ story, kind: module.definition.kind, path: module.demoStories })));
  const stories = told.map(({ story, kind, path }, index): PlannedStory => {
    if (story.day < 1) throw new Error(`Demo history, story ${index + 1}: it must be reported on a working day before today`);
    const reportDate = workingDaysFrom(today, -story.day);
    const reportedAt = localMoment(reportDate, story.at);
    let previous = reportedAt;
    const steps = story.steps.map(([when, by, action], stepIndex): PlannedStep => {
      const at = momentOf(when, previous, reportDate);
      if (at < previous || at >= now) {
        throw new Error(`Demo history, story ${index + 1}, step ${stepIndex + 1}: its time ${at.toISOString()} is out of order or not in the past`);
      }
      previous = at;
      let screenshotIndex: number | null = null;
      if (action.kind === "screenshot") {
        screenshotIndex = screenshots.length;
        screenshots.push({ storyIndex: index, platform: story.report.platform, at, seed: index * 31 + stepIndex * 7 + 1 });
      }
      return { at, by, action, screenshotIndex };
    });
    return { story, kind, path, index, reportDate, reportedAt, steps };
  });
  return { stories, screenshots };
}

// ---------------------------------------------------------------------------------------------
// Screenshots: small generated pictures, stored through the evidence upload the app uses

const PLATFORM_COLOURS: Record<string, string> = {
  "X (Twitter)": "#14171a",
  Facebook: "#1877f2",
  Instagram: "#c13584",
  TikTok: "#010101",
  YouTube: "#cc0000",
  LinkedIn: "#0a66c2",
  Nextdoor: "#4f8a10",
  WhatsApp: "#128c7e",
  Email: "#4a4a4a",
};

/** A small deterministic generator, so the same story always draws the same picture. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A phone screenshot of a post and its replies, drawn as blocks (no text, so no fonts needed). */
function screenshotSvg(platform: string, seed: number): string {
  const random = seededRandom(seed);
  const width = 360;
  const height = 480;
  const colour = PLATFORM_COLOURS[platform] ?? "#555555";
  const parts = [
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<rect width="${width}" height="24" fill="#e6e6e6"/>`,
    `<rect y="24" width="${width}" height="48" fill="${colour}"/>`,
    `<rect x="16" y="40" width="${90 + Math.round(random() * 60)}" height="14" rx="3" fill="#ffffff" opacity="0.9"/>`,
  ];
  let y = 88;
  for (let block = 0; block < 4 && y < height - 60; block += 1) {
    parts.push(`<circle cx="36" cy="${y + 16}" r="16" fill="hsl(${Math.round(random() * 360)}, 45%, 60%)"/>`);
    parts.push(`<rect x="62" y="${y + 4}" width="${80 + Math.round(random() * 80)}" height="10" rx="2" fill="#222222"/>`);
    const lines = block === 0 ? 4 : 1 + Math.floor(random() * 3);
    for (let line = 0; line < lines; line += 1) {
      const lineWidth = 150 + Math.round(random() * 130);
      parts.push(`<rect x="62" y="${y + 24 + line * 16}" width="${lineWidth}" height="9" rx="2" fill="#9a9a9a"/>`);
    }
    y += 24 + lines * 16;
    if (block === 0 && random() < 0.6) {
      parts.push(`<rect x="62" y="${y + 4}" width="280" height="110" rx="6" fill="hsl(${Math.round(random() * 360)}, 30%, 80%)"/>`);
      y += 120;
    }
    parts.push(`<rect x="0" y="${y + 10}" width="${width}" height="1" fill="#dddddd"/>`);
    y += 22;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join("")}</svg>`;
}

function screenshotName(at: Date, index: number): string {
  const { year, month, day, hour, minute, second } = organisationClockParts(at);
  // Names as phones and laptops give them.
  return index % 2 === 0
    ? `Screenshot_${year}${month}${day}-${hour}${minute}${second}.png`
    : `Screenshot ${year}-${month}-${day} at ${hour}.${minute}.${second}.png`;
}

async function storeScreenshots(planned: PlannedScreenshot[], directory: string): Promise<StoredEvidence[]> {
  const stored: StoredEvidence[] = [];
  try {
    // A few at a time: sharp draws on its own threads.
    for (let start = 0; start < planned.length; start += 6) {
      const batch = planned.slice(start, start + 6);
      const uploads = await Promise.all(
        batch.map(async (shot, offset) => {
          const png = await sharp(Buffer.from(screenshotSvg(shot.platform, shot.seed))).png().toBuffer();
          const form = new FormData();
          form.append("evidence", new File([new Uint8Array(png)], screenshotName(shot.at, start + offset), { type: "image/png" }));
          return receiveEvidenceUpload(new Request("http://localhost/demo-history", { method: "POST", body: form }), { directory });
        }),
      );
      for (const upload of uploads) {
        stored.push(...upload.files);
        if (upload.refusals.length > 0 || upload.files.length !== 1) {
          throw new Error(`Demo history: a screenshot was refused: ${upload.refusals.map((refusal) => refusal.message).join(" ")}`);
        }
      }
    }
    return stored;
  } catch (error) {
    await discardStoredEvidence(stored);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Playing the plan through the workflow

/** Fires every deadline due up to `until`, each at its own due time, oldest first. */
function runClockTo(db: Db, until: Date) {
  for (;;) {
    const next = db
      .select({ dueAt: deadlines.dueAt })
      .from(deadlines)
      .where(and(eq(deadlines.status, "pending"), lte(deadlines.dueAt, until.toISOString())))
      .orderBy(asc(deadlines.dueAt))
      .limit(1)
      .get();
    if (!next) break;
    fireDueDeadlines(db, new Date(next.dueAt));
  }
  // Nothing is left due by now; this is the worker's own call at the step's time.
  fireDueDeadlines(db, until);
}

interface Person extends Actor {
  roles: string[];
}

function loadPeople(db: Db) {
  const rows = db.select({ id: people.id, name: people.name, email: people.email }).from(people).all();
  const roles = db.select().from(personRoles).all();
  const byId = new Map<number, Person>(rows.map((row) => [row.id, { id: row.id, name: row.name, roles: [] }]));
  for (const role of roles) byId.get(role.personId)?.roles.push(role.role);
  const byEmail = new Map(rows.map((row) => [row.email, byId.get(row.id)!]));
  const byKey = new Map(
    DEMO_PEOPLE.map((demo) => {
      const person = byEmail.get(demoEmail(demo));
      if (!person) throw new Error(`Demo history: ${demo.name} is not in the directory; add the demo organisation first`);
      return [demo.key, person] as const;
    }),
  );
  return {
    byKey(key: string): Person {
      const person = byKey.get(key);
      if (!person) throw new Error(`Demo history: no demo person ${key}`);
      return person;
    },
    byId(id: number): Person {
      const person = byId.get(id);
      if (!person) throw new Error(`Demo history: no person ${id}`);
      return person;
    },
  };
}

/** A refused step names its story and step, so the script can be put right. */
function failureOf(planned: PlannedStory, step: number, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  const where = step === -1 ? "its report" : `step ${step + 1}`;
  return new Error(`Demo history, story ${planned.index + 1} (${planned.kind} reported by ${planned.story.reporter}), ${where}: ${reason}`, {
    cause: error,
  });
}

function runHistory(db: Db, plan: ReturnType<typeof planHistory>, files: StoredEvidence[], now: Date): DemoHistorySummary {
  const directory = loadPeople(db);
  const outboxBefore = db.select({ id: max(outbox.id) }).from(outbox).get()?.id ?? 0;
  const incidentIds = new Map<number, number>();

  const moments = plan.stories.flatMap((story) => [
    { at: story.reportedAt, story, step: -1 },
    ...story.steps.map((_, step) => ({ at: story.steps[step].at, story, step })),
  ]);
  // In time order; at the same moment, in story order and then step order.
  moments.sort((a, b) => a.at.getTime() - b.at.getTime() || a.story.index - b.story.index || a.step - b.step);

  let events = 0;
  for (const moment of moments) {
    runClockTo(db, moment.at);
    try {
      if (moment.step === -1) {
        const incident = report(db, moment.story, directory.byKey(moment.story.story.reporter));
        incidentIds.set(moment.story.index, incident.id);
      } else {
        events += takeStep(db, {
          incidentId: incidentIds.get(moment.story.index)!,
          planned: moment.story,
          step: moment.story.steps[moment.step],
          files,
          directory,
        });
      }
    } catch (error) {
      throw failureOf(moment.story, moment.step, error);
    }
  }
  runClockTo(db, now);

  // Written as the story's steps would have written them, never to be sent.
  const emailsNotSent = db
    .update(outbox)
    .set({ status: "not_sent_demo", createdAt: sql`${outbox.nextAttemptAt}` })
    .where(and(gt(outbox.id, outboxBefore), eq(outbox.status, "pending")))
    .run().changes;

  const ids = [...incidentIds.values()];
  const open = db
    .select({ count: sql<number>`count(*)` })
    .from(incidents)
    .where(and(inArray(incidents.id, ids), sql`${incidents.state} <> 'closed'`))
    .get()?.count ?? 0;
  return { incidents: ids.length, open, events, files: files.length, emailsNotSent };
}

function report(db: Db, planned: PlannedStory, reporter: Person): Incident {
  const { story, reportedAt } = planned;
  const happenedAt = minutesAfter(reportedAt, -story.report.minutesBefore);
  return planned.path.report(db, { id: reporter.id, name: reporter.name }, story.report, { reportedAt, happenedAt });
}

interface StepScope {
  incidentId: number;
  planned: PlannedStory;
  step: PlannedStep;
  files: StoredEvidence[];
  directory: ReturnType<typeof loadPeople>;
}

function currentIncident(db: Db, incidentId: number): Incident {
  const incident = db.select().from(incidents).where(eq(incidents.id, incidentId)).get();
  if (!incident) throw new Error("the incident is missing");
  return incident;
}

/** Who takes the step: the reporter, someone the incident itself names, or a demo person. */
function actorOf(scope: StepScope, incident: Incident): Person {
  const { by } = scope.step;
  if (by === "reporter") return scope.directory.byId(incident.reporterId);
  const named = scope.planned.path.actor(by, storedContext(incident));
  return named === undefined ? scope.directory.byKey(by) : scope.directory.byId(named);
}

/** Takes one step as its person would on the incident page; returns how many events it sent. */
function takeStep(db: Db, scope: StepScope): number {
  const { step } = scope;
  const send = (event: { type: string; [field: string]: unknown }, at: Date = step.at) => {
    // The page the person submits from shows the incident as it is now, deadlines and all.
    const incident = currentIncident(db, scope.incidentId);
    const person = actorOf(scope, incident);
    const actor = { id: person.id, name: person.name };
    applyEvent(db, {
      incidentId: incident.id,
      expectedVersion: incident.version,
      event: { ...event, by: { ...actor, roles: person.roles } },
      actor,
      now: at,
    });
  };
  const { action } = step;
  if (!isSharedAction(action)) {
    return scope.planned.path.play(db, action, {
      incidentId: scope.incidentId,
      at: step.at,
      send,
      momentOf: (when) => momentOf(when, step.at, scope.planned.reportDate),
      personId: (key) => scope.directory.byKey(key).id,
    });
  }
  switch (action.kind) {
    case "event":
      send(action.event);
      return 1;
    case "timed":
      send({ type: action.type, ...action.fields, [action.field]: minutesAfter(step.at, -action.minutesBefore).toISOString() });
      return 1;
    case "screenshot": {
      const file = scope.files[step.screenshotIndex!];
      send({ type: "ATTACH_SCREENSHOT", file: evidenceFactsOf(file) });
      return 1;
    }
  }
}

/**
 * Adds the demo history to a database holding the demo organisation and nothing else, as of
 * `now`. The screenshots are stored first (in `evidenceDirectory`, beside the database), then
 * the whole history is written in one transaction: if any step is refused, nothing is kept.
 */
export async function seedDemoHistory(db: Db, options: { now: Date; evidenceDirectory: string }): Promise<DemoHistorySummary> {
  const plan = planHistory(options.now);
  const files = await storeScreenshots(plan.screenshots, options.evidenceDirectory);
  try {
    return db.$client.transaction(() => runHistory(db, plan, files, options.now)).immediate();
  } catch (error) {
    await discardStoredEvidence(files);
    throw error;
  }
}
