import { Form, Link, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { formatDateTime, formatDuration } from "../../machines/kit/dates";
import { anyOfNames } from "../../machines/kit/people";
import type { IncidentWork } from "../models/incidents.server";
import { AboutThisProcedure } from "./about-procedure";
import { Pagination } from "./pagination";
import type { StepActionData } from "./step-form";
import { Stepper, type StepView } from "./stepper";
import { ScreenshotUpload, screenshotRefusals } from "./screenshot-upload";

/** The parts every incident page shares, whatever its path. */

export interface TimelineEntry {
  key: string;
  /** Null for an entry of the custody log (an evidence pack download), which is not a step. */
  sequence: number | null;
  label: string;
  at: string;
  actorName: string | null;
  stepTitle: string;
  note: string | null;
  /** What the event did beyond its label (who was away, who is asked next). */
  outcome: string | null;
}

/** Where the page of the timeline shown sits in the whole (see getTimelinePage). */
export interface TimelinePaging {
  page: number;
  pageCount: number;
  total: number;
  firstNumber: number;
  lastNumber: number;
  previousAt: string | null;
  notFound: string | null;
}

/** 1,000 rather than 1000. */
const countFormat = new Intl.NumberFormat("en-GB");

export function formatCount(value: number): string {
  return countFormat.format(value);
}

export interface EvidenceEntry {
  id: number;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  receivedAt: string;
  uploadedByName: string;
}

/**
 * Why the last action was not carried out: refused by the procedure, or overtaken by someone
 * else's change. Shown above everything, so it stays when the page reloads its data and the
 * form that was used is no longer offered.
 */
function EventProblem({ problem }: { problem: StepActionData["problem"] | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem) ref.current?.focus();
  }, [problem]);
  if (!problem) return null;
  return (
    <div ref={ref} role="alert" tabIndex={-1} autoFocus className="mb-6 border-4 border-danger p-4">
      <h2 className="text-xl font-bold">That was not done</h2>
      <p className="mt-1 font-semibold">{problem.message}</p>
      {problem.changes.length ? (
        <>
          <p className="mt-3 font-semibold">What changed since you opened this page:</p>
          <ul className="ml-5 list-disc">
            {problem.changes.map((change) => (
              <li key={change.sequence}>
                {change.label} by {change.actorName ?? "Holdfast (automatic)"}, {formatDateTime(change.at)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="mt-2">The page below shows the incident as it is now.</p>
    </div>
  );
}

/** The id of the part of an incident page that says what to do now: a save comes back to it. */
export const NEXT_TO_DO = "next";

/** A piece of work awaited on the incident, as the page receives it. */
export type WorkView = IncidentWork;

/** "A", "A or B", "A, B or C". */
/** ", due Mon, 23 Nov 2026, 16:45", or overdue since then. */
function dueText(work: Pick<WorkView, "dueAt" | "overdue">): string {
  if (!work.dueAt) return "";
  return work.overdue ? `, overdue since ${formatDateTime(work.dueAt)}` : `, due ${formatDateTime(work.dueAt)}`;
}

/** Work others are asked for, said as who it is waiting for and what, so a reader who cannot act knows why. */
function WaitingFor({ work }: { work: WorkView[] }) {
  if (work.length === 0) return null;
  return (
    <ul className="mt-3 space-y-2">
      {work.map((piece) => (
        <li key={piece.key} className={`border-l-4 pl-3 ${piece.overdue ? "border-danger" : "border-gray-400"}`}>
          Waiting for <strong>{anyOfNames(piece.assignees)}</strong> to {piece.description.charAt(0).toLowerCase() + piece.description.slice(1)}
          <span className={piece.overdue ? "font-semibold text-danger" : undefined}>{dueText(piece)}</span>.
        </li>
      ))}
    </ul>
  );
}

/**
 * Where the incident stands, in one line ("Step 2 of 10: …") with the whole procedure, what
 * happens now and what is due opened on request, so the steps never push the action down.
 */
function StepSummary({ steps, deadlines }: { steps: StepView[]; deadlines: DeadlineView[] }) {
  const current = steps.findIndex((step) => step.status === "current");
  const summary = current >= 0 ? `Step ${current + 1} of ${steps.length}: ${steps[current].title}` : "Finished: every step is done or was not needed";
  return (
    <details className="mt-6 border-y border-gray-300 py-3">
      <summary className="cursor-pointer font-semibold">
        {summary}
        <span className="font-normal text-muted"> (show all steps)</span>
      </summary>
      {current >= 0 && steps[current].guidance ? <p className="mt-3">{steps[current].guidance}</p> : null}
      <DeadlineList deadlines={deadlines} />
      <div className="mt-4">
        <Stepper steps={steps} />
      </div>
    </details>
  );
}

/** Where each step comes from in the organisation's policy: for those who want it, at the end of the page. */
function AboutProcedure({ steps }: { steps: StepView[] }) {
  const sourced = steps.filter((step) => step.source);
  if (sourced.length === 0) return null;
  return (
    <AboutThisProcedure>
      <p className="mt-2">Each step follows the organisation&apos;s policy:</p>
      <dl className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-[16rem_1fr]">
        {sourced.map((step) => (
          <Fact key={step.id} term={step.title}>
            {step.source}
          </Fact>
        ))}
      </dl>
    </AboutThisProcedure>
  );
}

/** With JavaScript, a save that comes back to what to do next moves focus there, as a page load does not. */
function useFocusOnNext(settled: boolean) {
  const location = useLocation();
  useEffect(() => {
    if (!settled || location.hash !== `#${NEXT_TO_DO}`) return;
    document.getElementById(NEXT_TO_DO)?.focus();
  }, [settled, location.key, location.hash]);
}

interface DeadlineView {
  description: string;
  dueAt: string;
  overdue: boolean;
}

/**
 * An incident page, action first: what this person needs to do now (their forms, with the facts
 * needed), or who the incident waits for; then where it stands, in one line; then the record;
 * and the policy behind the procedure at the end.
 */
export function IncidentLayout(props: {
  page: {
    incident: { kindTitle: string; reference: string; title: string };
    steps: StepView[];
    deadlines: DeadlineView[];
    work: WorkView[];
  };
  actionData: StepActionData | undefined;
  /** False where the page shows its steps another way (a task list of work side by side). */
  stepSummary?: boolean;
  /** What comes before anything else, such as how to get help in danger. */
  warning?: ReactNode;
  /** This person's forms for now, with what they need to know to fill them in; null when they have none. */
  actions: ReactNode;
  children: ReactNode;
}) {
  const { incident, steps, deadlines, work } = props.page;
  // After a form is sent and answered here (not saved), its own errors take the focus.
  useFocusOnNext(props.actionData === undefined);
  const others = work.filter((piece) => !piece.mine);
  return (
    <div>
      <EventProblem problem={props.actionData?.problem} />
      <p className="text-muted">
        {incident.kindTitle} · {incident.reference}
      </p>
      <h1 className="text-3xl font-bold">{incident.title}</h1>
      <section id={NEXT_TO_DO} tabIndex={-1} aria-labelledby="next-title" className="mt-4 scroll-mt-2 outline-none">
        {props.warning}
        <h2 id="next-title" className="text-xl font-bold">
          {props.actions ? "What you need to do now" : "What happens next"}
        </h2>
        {props.actions}
        {props.actions && others.length ? <h3 className="mt-6 text-lg font-bold">Also under way</h3> : null}
        <WaitingFor work={others} />
        {!props.actions && others.length === 0 ? <p className="mt-2">Nothing is waiting for anyone on this incident.</p> : null}
      </section>
      {props.stepSummary === false ? null : <StepSummary steps={steps} deadlines={deadlines} />}
      <div className="min-w-0">{props.children}</div>
      <AboutProcedure steps={steps} />
    </div>
  );
}

function DeadlineList({ deadlines }: { deadlines: DeadlineView[] }) {
  return (
    <>
      {deadlines.map((deadline) => (
        <p key={deadline.dueAt + deadline.description} className={`mt-3 font-semibold ${deadline.overdue ? "text-danger" : ""}`}>
          {deadline.overdue ? "Overdue: " : "Due: "}
          {deadline.description} by {formatDateTime(deadline.dueAt)}
        </p>
      ))}
    </>
  );
}

const THUMBNAIL_TYPES = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);

/**
 * Files of evidence, each with its download link, who added it and its SHA-256. Each thumbnail
 * shown is a custody event (viewed_thumbnail): on a long list, `lazyThumbnails` loads (and so
 * records) only those scrolled to.
 */
export function EvidenceList(props: {
  reference: string;
  files: EvidenceEntry[];
  thumbnails?: boolean;
  lazyThumbnails?: boolean;
  numbered?: boolean;
  className?: string;
}) {
  const base = `/incidents/${props.reference}/evidence`;
  return (
    <ul className={`space-y-3 ${props.className ?? ""}`}>
      {props.files.map((file) => (
        <li key={file.id} className="flex flex-wrap items-start gap-3">
          {props.thumbnails && THUMBNAIL_TYPES.has(file.mediaType) ? (
            <img
              src={`${base}/${file.id}/thumbnail`}
              alt={`Thumbnail of ${file.originalName}`}
              loading={props.lazyThumbnails ? "lazy" : undefined}
              width={96}
              height={96}
              className="h-24 w-24 rounded border border-gray-300 object-cover"
            />
          ) : null}
          <div className="min-w-0">
            {/* The evidence pack and its ZIP name each file by this number. */}
            {props.numbered ? <span className="block text-sm font-semibold text-muted">File {file.id}</span> : null}
            <a href={`${base}/${file.id}`} className="link font-semibold" download>
              {file.originalName}
            </a>
            <span className="block text-sm text-muted">
              {file.mediaType}, {(file.sizeBytes / 1024).toFixed(0)} KB, added by {file.uploadedByName} {formatDateTime(file.receivedAt)}
            </span>
            <FileFingerprint sha256={file.sha256} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** A file's SHA-256, short enough to read and compare by eye, the whole of it on request. */
function FileFingerprint({ sha256 }: { sha256: string }) {
  return (
    <details className="text-sm text-muted">
      <summary className="cursor-pointer">
        Fingerprint <span className="font-mono">{sha256.slice(0, 12)}</span>
        <span className="sr-only"> (show the whole SHA-256)</span>
      </summary>
      <span className="block break-all font-mono text-xs">SHA-256 {sha256}</span>
    </details>
  );
}

/** The two downloads of the whole record. Plain links: these are documents to save, not pages of the app. */
export function EvidencePackLinks({ reference }: { reference: string }) {
  return (
    <ul className="mt-4 space-y-1">
      <li>
        <a href={`/incidents/${reference}/evidence-pack/pdf`} className="link font-semibold" download>
          Download the evidence pack (PDF)
        </a>
        <span className="block text-sm text-muted">The incident, its timeline, every file with its SHA-256, and who has viewed or downloaded them.</span>
      </li>
      <li>
        <a href={`/incidents/${reference}/evidence-pack/zip`} className="link font-semibold" download>
          Download the original files (ZIP)
        </a>
        <span className="block text-sm text-muted">Each file exactly as received, with a manifest to check them by.</span>
      </li>
    </ul>
  );
}

export function EvidenceSection(props: {
  reference: string;
  /** The most recent files (all of them when there are few). */
  evidence: EvidenceEntry[];
  /** How many files the incident has in all. */
  total: number;
  canAdd: boolean;
  version: number;
  actionData: (StepActionData & { refusals?: { name: string; message: string }[] }) | undefined;
  thumbnails?: boolean;
}) {
  return (
    <section aria-labelledby="evidence-title" className="mt-8">
      <h2 id="evidence-title" className="text-xl font-bold">
        Evidence
      </h2>
      {props.evidence.length === 0 ? <p className="mt-2 text-muted">No screenshots yet.</p> : null}
      {props.total > props.evidence.length ? (
        // Hundreds of screenshots would bury the rest of the page: the latest few, and a page of them all.
        <p className="mt-2">
          The {formatCount(props.evidence.length)} most recent of {formatCount(props.total)} files.{" "}
          <Link to={`/incidents/${props.reference}/evidence`} className="link font-semibold">
            See all {formatCount(props.total)} evidence files
          </Link>
        </p>
      ) : null}
      <EvidenceList reference={props.reference} files={props.evidence} thumbnails={props.thumbnails} className="mt-2" />
      {props.evidence.length > 0 ? <EvidencePackLinks reference={props.reference} /> : null}
      {props.canAdd ? <ScreenshotUpload version={props.version} refusals={screenshotRefusals(props.actionData)} /> : null}
    </section>
  );
}

export function Timeline({ reference, timeline, paging }: { reference: string; timeline: TimelineEntry[]; paging: TimelinePaging }) {
  const here = `/incidents/${reference}`;
  // The fragment brings the reader back to the timeline, with or without JavaScript.
  const pageLink = (page: number) => `${here}?timeline=${page}#timeline`;
  const { page, pageCount, firstNumber, lastNumber, total } = paging;
  return (
    <section id="timeline" aria-labelledby="timeline-title" className="mt-8">
      <h2 id="timeline-title" className="text-xl font-bold">
        Timeline
      </h2>
      {paging.notFound !== null ? (
        <p className="mt-2 border-l-4 border-danger pl-3 font-semibold">
          There is no page “{paging.notFound}” of this timeline. This is page {page} of {pageCount}
          {page === pageCount ? ", the latest events" : ""}.
        </p>
      ) : null}
      {pageCount > 1 ? (
        <>
          <p className="mt-2">
            {firstNumber === lastNumber
              ? `Showing event ${formatCount(firstNumber)} of ${formatCount(total)}, oldest first.`
              : `Showing events ${formatCount(firstNumber)} to ${formatCount(lastNumber)} of ${formatCount(total)}, oldest first.`}
          </p>
          <p className="mt-1 flex flex-wrap gap-x-6">
            {page > 1 ? (
              <Link to={pageLink(1)} className="link">
                Start from the first event
              </Link>
            ) : null}
            {page < pageCount ? (
              // No page asked for is the latest page, however many events are added meanwhile.
              <Link to={`${here}#timeline`} className="link">
                Go to the latest events
              </Link>
            ) : null}
          </p>
        </>
      ) : null}
      <ol className="mt-3 border-l-2 border-gray-300">
        {timeline.map((event, index) => {
          // The first entry of a later page is timed from the last entry of the page before.
          const previousAt = index > 0 ? timeline[index - 1].at : paging.previousAt;
          // One string per text, not several: a page renders dozens of these.
          const since = previousAt ? ` · ${formatDuration(previousAt, event.at)} after the previous event` : "";
          return (
            <li key={event.key} className="timeline-entry">
              <p className="font-semibold">
                {event.label}
                <span className="font-normal">{` by ${event.actorName ?? "Holdfast (automatic)"}`}</span>
              </p>
              <p className="text-sm text-muted">
                <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                {`${since}${event.stepTitle ? ` · step: ${event.stepTitle}` : ""}`}
              </p>
              {event.outcome ? <p className="mt-1">{event.outcome}</p> : null}
              {event.note ? <p className="mt-1 whitespace-pre-wrap">“{event.note}”</p> : null}
            </li>
          );
        })}
      </ol>
      <Pagination label="Pages of the timeline" page={page} pageCount={pageCount} linkTo={pageLink} />
      {pageCount > 2 ? (
        // A long timeline has many pages: straight to one, with or without JavaScript.
        <Form method="get" action={`${here}#timeline`} className="mt-4 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="timeline-page" className="label">
              Go to page
            </label>
            <span id="timeline-page-hint" className="hint">
              {`1 to ${formatCount(pageCount)}`}
            </span>
            <input id="timeline-page" name="timeline" type="text" inputMode="numeric" autoComplete="off" aria-describedby="timeline-page-hint" className="input mt-1 w-24" />
          </div>
          <button type="submit" className="button-secondary">
            Show page
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/** A definition list row that only shows when there is something to say. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  if (children === null || children === undefined || children === "") return null;
  return (
    <>
      <dt className="font-semibold">{term}</dt>
      <dd className="whitespace-pre-wrap">{children}</dd>
    </>
  );
}

export function RecordSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-xl font-bold">
        {title}
      </h2>
      <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">{children}</dl>
    </section>
  );
}

