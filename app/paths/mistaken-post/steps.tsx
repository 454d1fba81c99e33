import { Form } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { DELETION_REASONS, TASK_STATUSES, type MistakenPostContext, type TaskStatus } from "../../../machines/mistaken-post";
import { AGGRAVATING_FACTORS, RISK_DECISIONS, RISK_SCALES, SEVERITY_LABELS, severityOf, type AggravatingFactor } from "../../../machines/mistaken-post";
import { mistakenPostStepSchemas, type MistakenPostIntent } from "./step-schemas";
import { formatDateTime, toOrganisationLocalInput } from "../../../machines/kit/dates";
import { excerpt } from "../../../machines/kit/excerpt";
import { CheckboxField, ChoiceField, SelectField, TextAreaField, TextField, labelOptions } from "../../components/forms";
import { StepForm, type StepActionData } from "../../components/step-form";
import { RowField, rowsOf } from "./row-field";

/**
 * The forms of the mistaken-post path. Which of them show is decided by the machine (the
 * loader asks it which events this person may send now); this file only knows how to draw each.
 */

export interface StepPageData {
  version: number;
  allowed: string[];
  /** The crisis tasks this person may update (by index). */
  updatableTasks: number[];
  actionData: StepActionData | undefined;
  taskOwners: { id: number; name: string; jobTitle: string }[];
  channels: { id: number; label: string; paused: boolean }[];
  /** `overdue`: its time had passed when the page was read, by the server's clock. */
  heldPosts: { id: number; body: string; scheduledFor: string; handle: string; platform: string; overdue: boolean }[];
  /** The server's "now" as a datetime-local value, the default of "when did it happen". */
  now: string;
}

function Panel(props: { id: string; title: string; children: ReactNode; description?: ReactNode }) {
  return (
    <section aria-labelledby={props.id} className="panel mt-6">
      <h2 id={props.id} className="text-xl font-bold">
        {props.title}
      </h2>
      {props.description ? <div className="mt-1">{props.description}</div> : null}
      {props.children}
    </section>
  );
}

const scaleOptions = (labels: readonly string[]) => labels.map((label, index) => ({ value: String(index + 1), label: `${index + 1}: ${label}` }));

function form(data: StepPageData, intent: MistakenPostIntent) {
  return { intent, schema: mistakenPostStepSchemas[intent], version: data.version, actionData: data.actionData };
}

function ownerOptions(data: StepPageData) {
  return data.taskOwners.map((person) => ({ value: String(person.id), label: `${person.name}, ${person.jobTitle}` }));
}

/** Spare rows for tasks and follow-ups: blank rows are ignored, so this works without JavaScript. */
const SPARE_ROWS = [0, 1, 2];

export function AcknowledgeStep({ data }: { data: StepPageData }) {
  return (
    <Panel id="acknowledge-title" title="Acknowledge this report" description="If you do not acknowledge it in time, the next most senior officer is asked.">
      <StepForm {...form(data, "ACKNOWLEDGE")} submitLabel="Acknowledge" pendingText="Acknowledging…">
        {(fields) => (
          // Optional, so it waits behind a link and the button stays in the first screen of a phone; open again if it has an error.
          <details className="mb-4" open={Boolean(fields.note.errors?.length)}>
            <summary className="link cursor-pointer">Add a note (optional)</summary>
            <div className="mt-2">
              <TextAreaField field={fields.note} label="Note (optional)" hint="For example, what you have already done or who you have spoken to." rows={3} />
            </div>
          </details>
        )}
      </StepForm>
    </Panel>
  );
}

/**
 * A screenshot first, so there is a record of what the post said; then the deletion, which can be
 * recorded only once a screenshot is kept. Why it was not deleted can be recorded either way.
 */
export function DeletionStep({ data, post, screenshotUpload }: { data: StepPageData; post: ReactNode; screenshotUpload: ReactNode }) {
  return (
    <>
      {screenshotUpload ? (
        <Panel
          id="screenshot-title"
          title="First, keep a screenshot of the post"
          description={
            <p>
              So there is a record of exactly what it said: {post}
            </p>
          }
        >
          {screenshotUpload}
        </Panel>
      ) : (
        <Panel
          id="deleted-title"
          title="Record that the post was deleted"
          description={
            <p>
              A screenshot is on the record (under Evidence). The post: {post}
            </p>
          }
        >
          <StepForm {...form(data, "RECORD_DELETED")} defaultValue={{ deletedAt: data.now }} submitLabel="Record deletion" pendingText="Recording…">
            {(fields) => (
              <>
                <TextField field={fields.deletedAt} label="When was it deleted?" hint="Date and time, UK time." type="datetime-local" className="max-w-xs" />
                <TextAreaField field={fields.note} label="Note (optional)" rows={2} />
              </>
            )}
          </StepForm>
        </Panel>
      )}
      <details className="mt-6">
        <summary className="link cursor-pointer">Not deleting it, or it cannot be deleted?</summary>
        <Panel id="not-deleted-title" title="Record why it was not deleted">
          <StepForm {...form(data, "RECORD_NOT_DELETED")} submitLabel="Record why not" pendingText="Recording…" secondary>
            {(fields) => (
              <>
                <ChoiceField field={fields.reason} legend="Why was it not deleted?" type="radio" options={labelOptions(DELETION_REASONS)} />
                <TextAreaField field={fields.explanation} label="Explain" rows={3} />
              </>
            )}
          </StepForm>
        </Panel>
      </details>
    </>
  );
}

/** Shows the severity the answers add up to, as they are chosen (with JavaScript). */
function SeverityPreview() {
  const ref = useRef<HTMLParagraphElement>(null);
  const [severity, setSeverity] = useState<string | null>(null);
  useEffect(() => {
    const formElement = ref.current?.closest("form");
    if (!formElement) return;
    const update = () => {
      const values = new FormData(formElement);
      const point = (name: string) => Number(values.get(name));
      const scores = { likelihood: point("likelihood"), impact: point("impact"), reach: point("reach"), factors: values.getAll("factors") as AggravatingFactor[] };
      const complete = scores.likelihood >= 1 && scores.impact >= 1 && scores.reach >= 1;
      setSeverity(complete ? SEVERITY_LABELS[severityOf(scores)] : null);
    };
    formElement.addEventListener("change", update);
    return () => formElement.removeEventListener("change", update);
  }, []);
  return (
    <p ref={ref} role="status" aria-live="polite" className="mb-4 font-semibold">
      {severity ? `Severity from these answers: ${severity}` : null}
    </p>
  );
}

export function RiskAssessmentStep({ data }: { data: StepPageData }) {
  return (
    <Panel
      id="assessment-title"
      title="Reputational risk assessment"
      description="The severity comes from how likely it is to spread and how much harm it could do, each scored 1 to 5; a wide reach or anything that makes it worse raises it one band. Senior leaders are emailed when it reaches the level your administrator set."
    >
      <StepForm {...form(data, "ASSESS_RISK")} submitLabel="Save the assessment" pendingText="Saving…">
        {(fields) => (
          <>
            <ChoiceField field={fields.likelihood} legend="How likely is it to spread?" type="radio" options={scaleOptions(RISK_SCALES.likelihood)} />
            <ChoiceField field={fields.impact} legend="How much harm could it do?" type="radio" options={scaleOptions(RISK_SCALES.impact)} />
            <ChoiceField field={fields.reach} legend="How far could it reach?" type="radio" options={scaleOptions(RISK_SCALES.reach)} />
            <ChoiceField field={fields.factors} legend="Does anything make it worse?" hint="Choose all that apply." type="checkbox" options={labelOptions(AGGRAVATING_FACTORS)} />
            <SeverityPreview />
            <ChoiceField field={fields.decision} legend="What do we do?" type="radio" options={labelOptions(RISK_DECISIONS)} />
            <TextAreaField field={fields.rationale} label="Why?" rows={4} />
            <ChoiceField
              field={fields.crisisPlanNeeded}
              legend="Is a crisis communication plan needed?"
              hint="A plan stops the scheduled posts on the channels you choose."
              type="radio"
              inline
              options={[
                { value: "yes", label: "Yes" },
                { value: "no", label: "No" },
              ]}
            />
          </>
        )}
      </StepForm>
    </Panel>
  );
}

/**
 * What the plan's form starts with: the incident's own channel chosen (when it is registered and
 * active), and the holding statement and tasks filled from the crisis template once it is used.
 */
function planDefaults(context: MistakenPostContext, data: StepPageData) {
  const channelId = context.post.channelId;
  const draft = context.crisisPlanDraft ?? null;
  return {
    channels: channelId != null && data.channels.some((channel) => channel.id === channelId) ? [String(channelId)] : undefined,
    holdingStatement: draft?.holdingStatement,
    tasks: draft?.tasks.map((task) => ({ title: task.title, ownerId: String(task.owner.id), dueAt: toOrganisationLocalInput(new Date(task.dueAt)) })),
  };
}

export function CrisisPlanStep({ data, context }: { data: StepPageData; context: MistakenPostContext }) {
  const draft = context.crisisPlanDraft ?? null;
  const rows = [...Array((draft?.tasks.length ?? 0) + SPARE_ROWS.length).keys()];
  return (
    <Panel id="crisis-plan-title" title="Crisis communication plan" description="Saving the plan stops every scheduled post on the channels you choose, at once, and records who did it, when and why.">
      {data.allowed.includes("USE_CRISIS_TEMPLATE") ? (
        <div className="mt-3 border-l-4 border-gray-300 pl-3">
          <p>
            {draft
              ? `Filled from the crisis template by ${draft.by.name}, ${formatDateTime(draft.at)}. Check the holding statement and the tasks before putting the plan in force.`
              : "Start from the crisis template your administrator keeps: it fills in the holding statement and the usual tasks, with owners and due times, for you to check and change."}
          </p>
          <StepForm {...form(data, "USE_CRISIS_TEMPLATE")} submitLabel={draft ? "Use the crisis template again" : "Use the crisis template"} pendingText="Filling the plan…" secondary />
        </div>
      ) : null}
      {/* A new key when the template is used, so the form starts again from what it filled in. */}
      <StepForm key={draft?.at ?? "blank"} {...form(data, "CREATE_CRISIS_PLAN")} defaultValue={planDefaults(context, data)} submitLabel="Put the plan in force" pendingText="Stopping scheduled posts…">
        {(fields) => {
          const tasks = rowsOf(fields.tasks);
          return (
            <>
              <TextAreaField field={fields.holdingStatement} label="Holding statement" rows={4} />
              <TextField field={fields.spokesperson} label="Spokesperson" />
              <TextAreaField field={fields.audiences} label="Audiences and stakeholders" rows={3} />
              <ChoiceField
                field={fields.channels}
                legend="Which channels' scheduled posts stop?"
                hint={context.post.channelId != null ? "The account the post was made on is chosen already." : undefined}
                type="checkbox"
                options={[
                  { value: "all", label: "All channels" },
                  ...data.channels.map((channel) => ({ value: String(channel.id), label: channel.label, hint: channel.paused ? "Already paused" : undefined })),
                ]}
              />
              <TextField field={fields.reviewAt} label="When will the plan be reviewed?" type="datetime-local" className="max-w-xs" />
              <fieldset className="mb-6">
                <legend className="label">Checklist tasks</legend>
                <span className="hint">
                  Each task has an owner and a due time; overdue tasks are escalated. Leave spare rows blank.
                  {draft ? ` The due times filled from the template count from when it was used, ${formatDateTime(draft.at)}: change any that have passed before putting the plan in force.` : null}
                </span>
                {rows.map((index) => {
                  const task = tasks[index];
                  const name = (field: string) => `tasks[${index}].${field}`;
                  return (
                    <div key={index} className="mt-3 grid gap-x-4 border-l-4 border-gray-300 pl-3 sm:grid-cols-3">
                      <RowField label={`Task ${index + 1}`} name={name("title")} error={task?.title.errors} defaultValue={task?.title.initialValue} />
                      <RowField label={`Owner of task ${index + 1}`} name={name("ownerId")} error={task?.ownerId.errors} defaultValue={task?.ownerId.initialValue} options={ownerOptions(data)} placeholder="Choose an owner" />
                      <RowField label={`Task ${index + 1} due`} name={name("dueAt")} error={task?.dueAt.errors} defaultValue={task?.dueAt.initialValue} type="datetime-local" />
                    </div>
                  );
                })}
              </fieldset>
            </>
          );
        }}
      </StepForm>
    </Panel>
  );
}

/** The crisis checklist as a GOV.UK task list: each task with owner, due time and status. */
export function CrisisTaskList({ context, data }: { context: MistakenPostContext; data: StepPageData }) {
  if (!context.crisisPlan) return null;
  return (
    <section aria-labelledby="tasks-title" className="mt-8">
      <h2 id="tasks-title" className="text-xl font-bold">
        Crisis checklist
      </h2>
      {context.tasks.length === 0 ? <p className="mt-2 text-muted">No tasks yet.</p> : null}
      <ul className="mt-3 divide-y divide-gray-300 border-y border-gray-300">
        {context.tasks.map((task, index) => {
          // Marked by the machine when the task's deadline fires: the server's clock, not the browser's.
          const overdue = task.status !== "done" && task.overdue;
          return (
            <li key={index} className={`flex flex-wrap items-start justify-between gap-3 py-3 ${overdue ? "border-l-8 border-l-danger pl-3" : ""}`}>
              <div>
                <p className="font-semibold">{task.title}</p>
                <p className="text-sm text-muted">
                  {task.owner.name} · due {formatDateTime(task.dueAt)}
                </p>
                {overdue ? <p className="font-semibold text-danger">Overdue</p> : null}
              </div>
              <div className="flex flex-wrap items-center gap-3">
                <span className={`tag ${task.status === "done" ? "bg-green-100 text-success" : task.status === "in_progress" ? "bg-blue-100 text-brand-dark" : "bg-gray-200 text-ink"}`}>
                  {TASK_STATUSES[task.status]}
                </span>
                {data.updatableTasks.includes(index) && task.status !== "done" ? <TaskStatusForm data={data} taskIndex={index} title={task.title} status={task.status} /> : null}
              </div>
            </li>
          );
        })}
      </ul>
      {data.allowed.includes("ADD_TASK") ? (
        <details className="mt-4">
          <summary className="link cursor-pointer">Add a task</summary>
          <StepForm {...form(data, "ADD_TASK")} submitLabel="Add task" pendingText="Adding…" secondary>
            {(fields) => (
              <>
                <TextField field={fields.title} label="Task" />
                <SelectField field={fields.ownerId} label="Owner" placeholder="Choose an owner" options={ownerOptions(data)} />
                <TextField field={fields.dueAt} label="Due" type="datetime-local" className="max-w-xs" />
              </>
            )}
          </StepForm>
        </details>
      ) : null}
    </section>
  );
}

/** Starts at the task's status now, so a stray Update changes nothing. */
function TaskStatusForm({ data, taskIndex, title, status }: { data: StepPageData; taskIndex: number; title: string; status: TaskStatus }) {
  return (
    <Form method="post" className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="intent" value="UPDATE_TASK" />
      <input type="hidden" name="version" value={data.version} />
      <input type="hidden" name="taskIndex" value={taskIndex} />
      <label htmlFor={`task-status-${taskIndex}`} className="sr-only">
        Status of “{title}”
      </label>
      <select id={`task-status-${taskIndex}`} name="status" defaultValue={status} className="rounded border-2 border-ink px-2 py-1">
        {Object.entries(TASK_STATUSES).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <button type="submit" className="button-secondary px-3 py-1">
        Update <span className="sr-only">“{title}”</span>
      </button>
    </Form>
  );
}

export function LeaderStep({ data, leaderName }: { data: StepPageData; leaderName: string | null }) {
  return (
    <>
      <Panel id="leader-title" title={`Make ${leaderName ?? "the Leader"} aware`} description="They are emailed what you write here.">
        <StepForm {...form(data, "MAKE_LEADER_AWARE")} submitLabel="Email the Leader" pendingText="Sending…">
          {(fields) => <TextAreaField field={fields.summary} label="What the Leader needs to know" rows={4} />}
        </StepForm>
      </Panel>
      <Panel id="leader-not-needed-title" title="Or record why the Leader does not need to know">
        <StepForm {...form(data, "LEADER_NOT_NEEDED")} submitLabel="Record and continue" pendingText="Recording…" secondary>
          {(fields) => <TextAreaField field={fields.reason} label="Reason" rows={3} />}
        </StepForm>
      </Panel>
    </>
  );
}

const BEFORE_YOU_RESPOND = [
  { name: "transparent", label: "We are open about our connection to the subject" },
  { name: "sourcesCited", label: "Sources are cited where we state facts" },
  { name: "notRushed", label: "We have not rushed: the facts are checked" },
  { name: "focused", label: "It stays focused on the point, without getting drawn into argument" },
] as const;

export function RespondStep({ context, data, userId }: { context: MistakenPostContext; data: StepPageData; userId: number }) {
  const response = context.response;
  const draftForm = (
    <StepForm {...form(data, "DRAFT_RESPONSE")} submitLabel={response ? "Save a new draft" : "Save the draft"} pendingText="Saving…" secondary={Boolean(response)}>
      {(fields) => <TextAreaField field={fields.text} label={response ? "New wording (the checks and sign-off start again)" : "The response"} rows={4} />}
    </StepForm>
  );
  return (
    <Panel
      id="respond-title"
      title="Respond as the organisation"
      description={
        response ? null : "The response cannot be marked as sent until the “before you respond” checks are done and a second member of Communications has signed off the tone."
      }
    >
      {response ? (
        <div className="mt-3 border-l-4 border-gray-400 pl-3">
          <p className="text-sm text-muted">
            Draft by {response.drafter.name}, {formatDateTime(response.draftedAt)}
          </p>
          <p className="whitespace-pre-wrap">{response.text}</p>
          <ul className="mt-2 text-sm">
            <li>Checks: {response.checks ? "done" : "not done yet"}</li>
            <li>Tone: {response.toneSignedOffBy ? `signed off by ${response.toneSignedOffBy.name}` : "not signed off yet"}</li>
          </ul>
        </div>
      ) : null}
      {response && !response.checks && data.allowed.includes("CONFIRM_CHECKS") ? (
        <StepForm {...form(data, "CONFIRM_CHECKS")} submitLabel="Confirm the checks" pendingText="Saving…">
          {(fields) => (
            <fieldset>
              <legend className="label">Before you respond</legend>
              {BEFORE_YOU_RESPOND.map((check) => (
                <ChoiceField key={check.name} field={fields[check.name]} legend={check.label} type="checkbox" options={[{ value: "on", label: "Confirmed" }]} inline />
              ))}
            </fieldset>
          )}
        </StepForm>
      ) : null}
      {response?.checks && !response.toneSignedOffBy ? (
        data.allowed.includes("SIGN_OFF_TONE") ? (
          <StepForm {...form(data, "SIGN_OFF_TONE")} submitLabel="Sign off the tone" pendingText="Signing off…" />
        ) : response.drafter.id === userId ? (
          <p className="mt-3 font-semibold">A second member of Communications needs to check the tone and sign it off.</p>
        ) : null
      ) : null}
      {data.allowed.includes("MARK_RESPONSE_SENT") ? (
        <StepForm {...form(data, "MARK_RESPONSE_SENT")} submitLabel="Mark as sent" pendingText="Saving…">
          {(fields) => <TextField field={fields.where} label="Where was it posted?" hint="For example, a reply under the original post, with its link." />}
        </StepForm>
      ) : null}
      {data.allowed.includes("DRAFT_RESPONSE") ? (
        response ? (
          // Changing the wording starts the checks again: offered after what is next, not before it.
          <details className="mt-4" open={data.actionData?.intent === "DRAFT_RESPONSE"}>
            <summary className="link cursor-pointer">Change the wording</summary>
            {draftForm}
          </details>
        ) : (
          draftForm
        )
      ) : null}
    </Panel>
  );
}

export function StandDownStep({ data }: { data: StepPageData }) {
  return (
    <Panel id="stand-down-title" title="Stand down the crisis" description="After this, each held post is reviewed one by one before the schedule runs again.">
      <StepForm {...form(data, "STAND_DOWN")} submitLabel="Stand down" pendingText="Standing down…">
        {(fields) => <TextAreaField field={fields.summary} label="Why it can be stood down" rows={3} />}
      </StepForm>
    </Panel>
  );
}

type HeldPost = StepPageData["heldPosts"][number];

/** How a held post is named to a screen reader and in the warning: its opening words and its time. */
const heldPostName = (post: HeldPost) => `“${excerpt(post.body)}”, due ${formatDateTime(post.scheduledFor)}`;

/** The result of a held post's own form: each post has one, all with the same intent. */
function resultForPost(data: StepPageData, postId: number): StepActionData | undefined {
  const sent = data.actionData?.result.initialValue as { postId?: unknown } | undefined;
  return data.actionData?.intent === "REVIEW_HELD_POST" && String(sent?.postId) !== String(postId) ? undefined : data.actionData;
}

/** Every held post left, released or cancelled together, after a warning about those whose time has passed. */
function RemainingHeldPostsForm({ data }: { data: StepPageData }) {
  const overdue = data.heldPosts.filter((post) => post.overdue);
  const count = data.heldPosts.length;
  return (
    <section aria-labelledby="remaining-held-title" className="mt-4 border-l-4 border-brand pl-3">
      <h3 id="remaining-held-title" className="text-lg font-bold">
        Decide all {count} posts at once
      </h3>
      <StepForm {...form(data, "DECIDE_REMAINING_HELD_POSTS")} submitLabel={`Decide all ${count} posts`} pendingText="Saving the decisions…" secondary>
        {(fields) => (
          <>
            {data.heldPosts.map((post, index) => (
              <input key={post.id} type="hidden" name={`postIds[${index}]`} value={post.id} />
            ))}
            {overdue.length > 0 ? (
              <div className="mb-4 border-l-8 border-l-danger pl-3">
                <p className="font-bold">
                  Warning: {overdue.length === 1 ? "1 post's time has" : `${overdue.length} posts' times have`} already passed. If released,{" "}
                  {overdue.length === 1 ? "it is" : "they are"} published the moment the schedule resumes:
                </p>
                <ul className="ml-5 list-disc">
                  {overdue.map((post) => (
                    <li key={post.id}>
                      {post.handle}: {heldPostName(post)}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <ChoiceField
              field={fields.decision}
              legend={`What happens to the ${count} held posts listed below?`}
              type="radio"
              options={[
                { value: "release", label: "Release all the rest as they are" },
                { value: "cancel", label: "Cancel all the rest" },
              ]}
            />
            <CheckboxField field={fields.confirm} label={`I have checked all ${count} posts listed below${overdue.length ? ", including those whose time has passed" : ""}`} />
          </>
        )}
      </StepForm>
    </section>
  );
}

export function HeldPostsStep({ data }: { data: StepPageData }) {
  return (
    <Panel
      id="held-posts-title"
      title={`Held posts to review (${data.heldPosts.length})`}
      description="Release each post as it is, edit it and release it, or cancel it, one by one or all the rest together. The schedule runs again only when none is left."
    >
      {data.heldPosts.length > 1 && data.allowed.includes("DECIDE_REMAINING_HELD_POSTS") ? <RemainingHeldPostsForm data={data} /> : null}
      {data.heldPosts.map((post) => (
        <div key={post.id} className="mt-4 border-t border-gray-300 pt-3">
          <p className="text-sm text-muted">
            {post.handle} ({post.platform}) · was due {formatDateTime(post.scheduledFor)}
          </p>
          <p className="whitespace-pre-wrap break-words">{post.body}</p>
          <StepForm
            {...form(data, "REVIEW_HELD_POST")}
            actionData={resultForPost(data, post.id)}
            submitLabel={
              <>
                Save decision<span className="sr-only"> on {heldPostName(post)}</span>
              </>
            }
            pendingText="Saving…"
            secondary
          >
            {(fields) => (
              <>
                <input type="hidden" name="postId" value={post.id} />
                <ChoiceField
                  field={fields.decision}
                  legend={`What happens to the post ${heldPostName(post)}?`}
                  type="radio"
                  options={[
                    { value: "release", label: "Release it as it is" },
                    { value: "edit-and-release", label: "Edit it, then release it" },
                    { value: "cancel", label: "Cancel it" },
                  ]}
                />
                <TextAreaField field={fields.body} label="New text (only when editing)" rows={3} />
              </>
            )}
          </StepForm>
        </div>
      ))}
      {data.heldPosts.length === 0 ? <p className="mt-3">Every held post has been reviewed.</p> : null}
      <StepForm {...form(data, "RESUME_SCHEDULE")} submitLabel="Resume the schedule" pendingText="Resuming…" />
    </Panel>
  );
}

export function ClosingReviewStep({ data }: { data: StepPageData }) {
  return (
    <Panel id="close-title" title="Close with a short review">
      <StepForm {...form(data, "CLOSE")} submitLabel="Close the incident" pendingText="Closing…">
        {(fields) => {
          const followUps = rowsOf(fields.followUps);
          return (
            <>
              <TextAreaField field={fields.whatHappened} label="What happened" rows={3} />
              <TextAreaField field={fields.lessons} label="What we learned" rows={3} />
              <fieldset className="mb-6">
                <legend className="label">Follow-up actions</legend>
                <span className="hint">Leave spare rows blank.</span>
                {SPARE_ROWS.map((index) => {
                  const row = followUps[index];
                  return (
                    <div key={index} className="mt-3 grid gap-x-4 sm:grid-cols-2">
                      <RowField label={`Action ${index + 1}`} name={`followUps[${index}].action`} error={row?.action.errors} defaultValue={row?.action.initialValue} />
                      <RowField label={`Owner of action ${index + 1}`} name={`followUps[${index}].owner`} error={row?.owner.errors} defaultValue={row?.owner.initialValue} />
                    </div>
                  );
                })}
              </fieldset>
            </>
          );
        }}
      </StepForm>
    </Panel>
  );
}
