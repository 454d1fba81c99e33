import { z, type ZodTypeAny } from "zod";
import { ABUSE_KINDS, PROTECTED_CHARACTERISTICS } from "../../../machines/staff-abuse";
import { keysOf, optionalText, optionalWebAddress, organisationMoment, requiredText, submissionKeyField } from "../../schemas/fields";

/**
 * The staff abuse report (Barnsley social media policy section 5, step 1), one question group
 * per page. Each page's schema checks that page in the browser and on the server; the pages are
 * listed in the order they are asked.
 */

export const ABUSE_PLATFORMS = [
  "X (Twitter)",
  "Facebook",
  "Instagram",
  "TikTok",
  "YouTube",
  "LinkedIn",
  "Nextdoor",
  "WhatsApp",
  "Email",
  "Other",
] as const;

export const YES_NO = { yes: "Yes", no: "No" } as const;
export const CONNECTED_TO_ROLE = { yes: "Yes", no: "No", not_sure: "Not sure" } as const;

/** One message whether the answer is missing or is not one of the choices. */
const choice = <Values extends readonly [string, ...string[]]>(values: Values, message: string) =>
  z.enum(values, { errorMap: () => ({ message }) });

const HATE_NEEDS_CHARACTERISTIC = "Choose what the hate was about";

const questionPages = {
  danger: {
    title: "Are you in danger now?",
    schema: z.object({
      inDanger: choice(keysOf(YES_NO), "Say whether you or anyone else is in danger now"),
    }),
  },
  kind: {
    title: "What kind of abuse was it?",
    schema: z
      .object({
        kinds: z
          .array(choice(keysOf(ABUSE_KINDS), "Choose what kind of abuse it was"), { required_error: "Choose what kind of abuse it was" })
          .min(1, "Choose what kind of abuse it was"),
        protectedCharacteristics: z.array(choice(keysOf(PROTECTED_CHARACTERISTICS), HATE_NEEDS_CHARACTERISTIC)).default([]),
        connectedToRole: choice(keysOf(CONNECTED_TO_ROLE), "Say whether it was because of your job"),
      })
      .superRefine((answers, context) => {
        if (answers.kinds.includes("hate") && answers.protectedCharacteristics.length === 0) {
          context.addIssue({ code: "custom", path: ["protectedCharacteristics"], message: HATE_NEEDS_CHARACTERISTIC });
        }
      })
      // Without JavaScript the characteristics stay on screen, so some may come ticked without hate.
      .transform((answers) => ({
        ...answers,
        protectedCharacteristics: answers.kinds.includes("hate") ? answers.protectedCharacteristics : [],
      })),
  },
  "where-and-when": {
    title: "Where and when did it happen?",
    schema: z.object({
      platform: choice(ABUSE_PLATFORMS, "Choose where it happened"),
      link: optionalWebAddress(),
      happenedAt: organisationMoment({
        required: "Enter when it happened",
        when: "past",
        wrongSide: "The time it happened must be in the past",
      }),
      perpetrator: optionalText(200, "Who did it"),
    }),
  },
  "what-happened": {
    title: "Tell us what happened",
    schema: z.object({
      whatHappened: requiredText("Tell us what happened", 5000, "What happened"),
      impact: requiredText("Tell us how it is affecting you", 5000, "How it is affecting you"),
    }),
  },
} as const;

export type QuestionSlug = keyof typeof questionPages;
export type QuestionAnswers = { [Slug in QuestionSlug]: z.output<(typeof questionPages)[Slug]["schema"]> };

export const QUESTION_SLUGS = Object.keys(questionPages) as QuestionSlug[];

export function isQuestionSlug(slug: string | undefined): slug is QuestionSlug {
  return slug !== undefined && Object.hasOwn(questionPages, slug);
}

export function questionPage(slug: QuestionSlug): { title: string; schema: ZodTypeAny } {
  return questionPages[slug];
}

/** The form fields a page asks for: what a save of that page replaces in the draft. */
export function questionFields(slug: QuestionSlug): string[] {
  let schema: ZodTypeAny = questionPages[slug].schema;
  while (schema instanceof z.ZodEffects) schema = schema.innerType();
  return Object.keys((schema as z.AnyZodObject).shape);
}

export const SCREENSHOTS_TITLE = "Screenshots";
export const NEEDS_SCREENSHOT_OR_REASON = "Add a screenshot, or choose “I cannot take a screenshot” and say why";

/** The file field's name, as receiveEvidenceUpload reads it; errors about files are shown on it. */
export const EVIDENCE_FIELD = "evidence" as const;

/**
 * The screenshots page sends one form for every button on it: `intent` is "upload", "continue"
 * or "remove:<storage path>". A screenshot or a reason is only needed to continue; the count of
 * screenshots already saved comes from the draft.
 */
export function screenshotsSchema(screenshotCount: number) {
  return z
    .object({
      intent: z.string().optional(),
      // The files themselves are stored as they stream in; the schema only names the field.
      [EVIDENCE_FIELD]: z.unknown().optional(),
      noScreenshotReason: optionalText(2000, "The reason"),
    })
    .superRefine((answers, context) => {
      if (answers.intent === "continue" && screenshotCount === 0 && !answers.noScreenshotReason) {
        context.addIssue({ code: "custom", path: [EVIDENCE_FIELD], message: NEEDS_SCREENSHOT_OR_REASON });
      }
    });
}

/** The "Send report" form of the check page: only the key it was shown with. */
export const sendReportSchema = z.object({ submissionKey: submissionKeyField });

/** Every page in order; the last is "check your answers". */
export const PAGE_SLUGS = [...QUESTION_SLUGS, "screenshots", "check"] as const;
export type PageSlug = (typeof PAGE_SLUGS)[number];

export const ABUSE_REPORT_PATH = "/report/abuse";

export function pagePath(slug: PageSlug, options: { returnToCheck?: boolean } = {}): string {
  return `${ABUSE_REPORT_PATH}/${slug}${options.returnToCheck ? "?return=check" : ""}`;
}

/**
 * Where "Continue" goes: the next page, or back to "check your answers" when the person came from
 * a "Change" link there.
 */
export function nextPath(slug: PageSlug, returnToCheck: boolean): string {
  const next = PAGE_SLUGS[PAGE_SLUGS.indexOf(slug) + 1] ?? "check";
  return pagePath(returnToCheck ? "check" : next);
}

/** Where "Back" goes: the page before, the start page before the first, or "check your answers". */
export function backPath(slug: PageSlug, returnToCheck: boolean): string {
  if (returnToCheck) return pagePath("check");
  const previous = PAGE_SLUGS[PAGE_SLUGS.indexOf(slug) - 1];
  return previous ? pagePath(previous) : ABUSE_REPORT_PATH;
}

/** Only this one value is honoured, so the parameter cannot send anyone elsewhere. */
export function returnsToCheck(url: string): boolean {
  return new URL(url).searchParams.get("return") === "check";
}
