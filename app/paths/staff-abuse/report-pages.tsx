import { Link } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { ABUSE_KINDS, PROTECTED_CHARACTERISTICS } from "../../../machines/staff-abuse";
import { ABUSE_PLATFORMS, CONNECTED_TO_ROLE, YES_NO, type QuestionSlug } from "./report-schema";
import { ChoiceField, SelectField, TextAreaField, TextField, type AnyFields, labelOptions } from "../../components/forms";

/** The pieces of the staff abuse report's pages (routes/report.abuse.*). */


/** A page of the report: the way back, what this is, then the page's own content. */
export function AbuseReportPage({ back, children }: { back: string; children: ReactNode }) {
  return (
    <div className="max-w-2xl">
      <Link to={back} className="link mb-4 inline-block py-2 text-lg">
        <span aria-hidden="true">‹ </span>Back
      </Link>
      <p className="text-muted">Report abuse you received</p>
      {children}
    </div>
  );
}

/**
 * The 999 route. It is an alert so it is read out as soon as it appears: with JavaScript as soon
 * as "Yes" is chosen, without it at the top of the next page.
 */
export function DangerPanel() {
  return (
    <div role="alert" className="mb-6 border-l-8 border-danger bg-red-50 p-4">
      <h2 className="text-xl font-bold">Call 999 now if you or anyone else is in immediate danger</h2>
      <p className="mt-2">Do this first. The police will help straight away.</p>
      <p className="mt-3">
        <a href="tel:999" className="button bg-danger no-underline shadow-none hover:bg-red-900">
          Call 999
        </a>
      </p>
      <p className="mt-3">
        When you are safe, come back and finish this report. Your answers are saved each time you press Continue.
      </p>
    </div>
  );
}

/** True once React runs in the browser: until then (and always without JavaScript) everything shows. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

const chosen = (value: unknown, option: string) => (Array.isArray(value) ? value.includes(option) : value === option);

function DangerQuestions({ fields }: { fields: AnyFields }) {
  return (
    <>
      <ChoiceField
        field={fields.inDanger}
        legend="Are you in danger now?"
        hint="Or is anyone else in danger because of this, right now?"
        type="radio"
        options={labelOptions(YES_NO)}
        pageHeading
        large
      />
      {chosen(fields.inDanger.value, "yes") ? <DangerPanel /> : null}
    </>
  );
}

function KindQuestions({ fields }: { fields: AnyFields }) {
  const hydrated = useHydrated();
  // With JavaScript the follow-up question appears only for hate (GOV.UK conditional reveal);
  // without it, it is always there and its hint says when to answer it.
  const showCharacteristics = !hydrated || chosen(fields.kinds.value, "hate");
  return (
    <>
      <ChoiceField
        field={fields.kinds}
        legend="What kind of abuse was it?"
        hint="Choose all that apply."
        type="checkbox"
        options={labelOptions(ABUSE_KINDS)}
        pageHeading
        large
      />
      <div hidden={!showCharacteristics} className="-mt-2 mb-6 border-l-4 border-gray-400 pl-4">
        <ChoiceField
          field={fields.protectedCharacteristics}
          legend="Which protected characteristic?"
          hint="If it was hate, choose all that apply. You do not have to belong to the group yourself: it still counts if they thought you did, or went for you because you support people who do."
          type="checkbox"
          options={labelOptions(PROTECTED_CHARACTERISTICS)}
          large
        />
      </div>
      <ChoiceField
        field={fields.connectedToRole}
        legend="Was it because of your job?"
        hint="For example, it was about something you did at work, or it mentioned where you work."
        type="radio"
        options={labelOptions(CONNECTED_TO_ROLE)}
        large
      />
    </>
  );
}

function WhereAndWhenQuestions({ fields }: { fields: AnyFields }) {
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">Where and when did it happen?</h1>
      <SelectField
        field={fields.platform}
        label="Where did it happen?"
        placeholder="Choose where"
        options={ABUSE_PLATFORMS.map((platform) => ({ value: platform, label: platform }))}
      />
      <TextField
        field={fields.link}
        label="Link to it (optional)"
        hint="The web address of the post, comment or message, starting with https://. The share button usually copies it."
        type="url"
      />
      <TextField
        field={fields.happenedAt}
        label="When did it happen?"
        hint="Date and time, UK time. A rough time is fine."
        type="datetime-local"
        className="max-w-xs"
      />
      <TextField field={fields.perpetrator} label="Who did it? (optional)" hint="Their account name or handle, for example @name, or their name if you know it." />
    </>
  );
}

function WhatHappenedQuestions({ fields }: { fields: AnyFields }) {
  return (
    <>
      <h1 className="mb-6 text-3xl font-bold">Tell us what happened</h1>
      <TextAreaField
        field={fields.whatHappened}
        label="What happened?"
        hint="In your own words. Copy what they wrote if you can."
        rows={6}
      />
      <TextAreaField
        field={fields.impact}
        label="How is it affecting you?"
        hint="For example, how you feel, whether you feel safe at work or at home, or if you need time off. It helps your manager support you."
        rows={4}
      />
    </>
  );
}

export const QUESTIONS: Record<QuestionSlug, (props: { fields: AnyFields }) => ReactNode> = {
  danger: DangerQuestions,
  kind: KindQuestions,
  "where-and-when": WhereAndWhenQuestions,
  "what-happened": WhatHappenedQuestions,
};
