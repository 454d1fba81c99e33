import { useEffect, useRef, type ReactNode } from "react";
import { formatDateTime, formatDuration } from "../utils/dates";
import type { StepActionData } from "./step-form";
import { Stepper, type StepView } from "./stepper";
import { ScreenshotUpload } from "./mistaken-post-steps";

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

export function IncidentLayout(props: {
  kindTitle: string;
  reference: string;
  title: string;
  steps: StepView[];
  problem: StepActionData["problem"] | undefined;
  children: React.ReactNode;
}) {
  return (
    <div>
      <EventProblem problem={props.problem} />
      <p className="text-muted">
        {props.kindTitle} · {props.reference}
      </p>
      <h1 className="text-3xl font-bold">{props.title}</h1>
      <div className="mt-6 grid gap-8 md:grid-cols-[16rem_1fr]">
        <aside>
          <h2 className="mb-3 text-lg font-bold">Where this stands</h2>
          <Stepper steps={props.steps} />
        </aside>
        <div className="min-w-0">{props.children}</div>
      </div>
    </div>
  );
}

export function DeadlineList({ deadlines }: { deadlines: { description: string; dueAt: string; overdue: boolean }[] }) {
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

export function EvidenceSection(props: {
  reference: string;
  evidence: EvidenceEntry[];
  canAdd: boolean;
  version: number;
  actionData: (StepActionData & { refusals?: { name: string; message: string }[] }) | undefined;
  thumbnails?: boolean;
}) {
  const base = `/incidents/${props.reference}/evidence`;
  return (
    <section aria-labelledby="evidence-title" className="mt-8">
      <h2 id="evidence-title" className="text-xl font-bold">
        Evidence
      </h2>
      {props.evidence.length === 0 ? <p className="mt-2 text-muted">No screenshots yet.</p> : null}
      <ul className="mt-2 space-y-3">
        {props.evidence.map((file) => (
          <li key={file.id} className="flex flex-wrap items-start gap-3">
            {props.thumbnails && THUMBNAIL_TYPES.has(file.mediaType) ? (
              <img src={`${base}/${file.id}/thumbnail`} alt={`Thumbnail of ${file.originalName}`} className="h-24 w-24 rounded border border-gray-300 object-cover" />
            ) : null}
            <div className="min-w-0">
              <a href={`${base}/${file.id}`} className="link font-semibold" download>
                {file.originalName}
              </a>
              <span className="block text-sm text-muted">
                {file.mediaType}, {(file.sizeBytes / 1024).toFixed(0)} KB, added by {file.uploadedByName} {formatDateTime(file.receivedAt)}
              </span>
              <span className="block break-all font-mono text-xs text-muted">SHA-256 {file.sha256}</span>
            </div>
          </li>
        ))}
      </ul>
      {props.evidence.length > 0 ? (
        // Plain links: these are documents to save, not pages of the app.
        <ul className="mt-4 space-y-1">
          <li>
            <a href={`/incidents/${props.reference}/evidence-pack/pdf`} className="link font-semibold" download>
              Download the evidence pack (PDF)
            </a>
            <span className="block text-sm text-muted">The incident, its timeline, every file with its SHA-256, and who has viewed or downloaded them.</span>
          </li>
          <li>
            <a href={`/incidents/${props.reference}/evidence-pack/zip`} className="link font-semibold" download>
              Download the original files (ZIP)
            </a>
            <span className="block text-sm text-muted">Each file exactly as received, with a manifest to check them by.</span>
          </li>
        </ul>
      ) : null}
      {props.canAdd ? (
        <ScreenshotUpload version={props.version} refusals={props.actionData?.intent === "ATTACH_SCREENSHOT" ? (props.actionData.refusals ?? []) : []} />
      ) : null}
    </section>
  );
}

export function Timeline({ timeline }: { timeline: TimelineEntry[] }) {
  return (
    <section aria-labelledby="timeline-title" className="mt-8">
      <h2 id="timeline-title" className="text-xl font-bold">
        Timeline
      </h2>
      <ol className="mt-3 border-l-2 border-gray-300">
        {timeline.map((event, index) => (
          <li key={event.key} className="relative mb-4 ml-4">
            <span aria-hidden="true" className="absolute -left-[1.4rem] top-1.5 h-3 w-3 rounded-full bg-gray-600" />
            <p className="font-semibold">
              {event.label}
              <span className="font-normal"> by {event.actorName ?? "Holdfast (automatic)"}</span>
            </p>
            <p className="text-sm text-muted">
              <time dateTime={event.at}>{formatDateTime(event.at)}</time>
              {index > 0 ? ` · ${formatDuration(timeline[index - 1].at, event.at)} after the previous event` : null}
              {event.stepTitle ? ` · step: ${event.stepTitle}` : null}
            </p>
            {event.note ? <p className="mt-1 whitespace-pre-wrap">“{event.note}”</p> : null}
          </li>
        ))}
      </ol>
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

