import type { AggravatingFactor, DeletionReason, RiskDecision, TaskStatus } from "../../machines/mistaken-post";
import type { AbuseReport, PlatformAnswer, PoliceRoute } from "../../machines/staff-abuse";

/**
 * The demo organisation's past: a hand-written script of what happened at Eastbridge Borough
 * Council over the last six months, played through the workflow by history.ts. Nothing
 * here is a row: each story is a report and the steps people took, in order, and the runner
 * sends them through the same functions the pages use, with the clock set to each step's time.
 *
 * Times are on working days counted back from today in the organisation's zone, so they are
 * always in the past, whatever day the demo is started. Everyone and every account is fictional;
 * links use .example addresses.
 */

/** A demo person (DEMO_PEOPLE key), or someone the incident itself names. */
export type StoryActor =
  | "reporter"
  /** The first officer asked to acknowledge a mistaken post (the line manager, if in). */
  | "asked"
  /** The manager asked to support the member of staff on an abuse report. */
  | "supporter"
  | string;

/**
 * When a step happens: a number of minutes after the step before it (or after the report), or
 * a working day after the report day (0 is the report day) at a local time.
 */
export type When = number | [workingDaysAfterReport: number, localTime: string];

export type StoryAction =
  /** A machine event, as the page's form turns it into one. */
  | { kind: "event"; event: { type: string; [field: string]: unknown } }
  /** A machine event that names a moment shortly before it is recorded. */
  | { kind: "timed"; type: string; field: string; minutesBefore: number; fields: Record<string, unknown> }
  /** A screenshot uploaded and attached, as the evidence form does. */
  | { kind: "screenshot" }
  | {
      kind: "crisisPlan";
      holdingStatement: string;
      spokesperson: string;
      audiences: string;
      /** Channel handles from the register. */
      channels: string[];
      /** Here a number of minutes counts from the plan itself. */
      reviewAt: When;
      tasks: { title: string; owner: string; due: When }[];
    }
  /** Every post the incident's pause holds, released one by one. */
  | { kind: "releaseHeldPosts" };

export type StoryStep = [when: When, by: StoryActor, action: StoryAction];

interface StoryBase {
  reporter: string;
  /** Working days before today (1 is the last working day). */
  day: number;
  /** Local time of the report. */
  at: string;
  steps: StoryStep[];
}

export interface MistakenPostStory extends StoryBase {
  kind: "mistaken_post";
  post: { platform: string; account: string; link: string | null; minutesBefore: number; whatHappened: string };
}

export interface StaffAbuseStory extends StoryBase {
  kind: "staff_abuse";
  report: Omit<AbuseReport, "happenedAt" | "inDanger"> & { minutesBefore: number };
}

export type Story = MistakenPostStory | StaffAbuseStory;

// ---------------------------------------------------------------------------------------------
// Helpers that read like the steps people take

const event = (type: string, fields: Record<string, unknown> = {}): StoryAction => ({ kind: "event", event: { type, ...fields } });
const screenshot: StoryAction = { kind: "screenshot" };

const acknowledge = (note?: string) => event("ACKNOWLEDGE", note ? { note } : {});
const deleted = (note: string): StoryAction => ({ kind: "timed", type: "RECORD_DELETED", field: "deletedAt", minutesBefore: 1, fields: { note } });
const notDeleted = (reason: DeletionReason, explanation: string) => event("RECORD_NOT_DELETED", { reason, explanation });
const assess = (
  scores: [likelihood: number, impact: number, reach: number],
  factors: AggravatingFactor[],
  decision: RiskDecision,
  rationale: string,
  crisisPlanNeeded = false,
) => event("ASSESS_RISK", { likelihood: scores[0], impact: scores[1], reach: scores[2], factors, decision, rationale, crisisPlanNeeded });
const leaderNotNeeded = (reason: string) => event("LEADER_NOT_NEEDED", { reason });
const leaderAware = (summary: string) => event("MAKE_LEADER_AWARE", { summary });
const draft = (text: string) => event("DRAFT_RESPONSE", { text });
const checksDone = event("CONFIRM_CHECKS", { transparent: true, sourcesCited: true, notRushed: true, focused: true });
const toneSignedOff = event("SIGN_OFF_TONE");
const sent = (where: string) => event("MARK_RESPONSE_SENT", { where });
const task = (taskIndex: number, status: TaskStatus) => event("UPDATE_TASK", { taskIndex, status });
const standDown = (summary: string) => event("STAND_DOWN", { summary });
const releaseHeldPosts: StoryAction = { kind: "releaseHeldPosts" };
const resume = event("RESUME_SCHEDULE");
const closeWithReview = (whatHappened: string, lessons: string, followUps: { action: string; owner: string }[] = []) =>
  event("CLOSE", { whatHappened, lessons, followUps });

const ALL_PRIVACY_STEPS = ["blocked", "visibility", "personal_details", "tagging"];
const blocked = (steps: string[] = ALL_PRIVACY_STEPS) => event("RECORD_BLOCKING", { steps });
const support = (offered: string) => event("RECORD_SUPPORT", { offered });
const wellbeing = (notes: string) => event("RECORD_WELLBEING_FOLLOW_UP", { notes });
const police = (route: PoliceRoute, crimeReference?: string, officer?: string): StoryAction => ({
  kind: "timed",
  type: "RECORD_POLICE_REPORT",
  field: "reportedAt",
  minutesBefore: 10,
  fields: { route, ...(crimeReference ? { crimeReference } : {}), ...(officer ? { officer } : {}) },
});
const noPolice = (reason: string) => event("RECORD_NO_POLICE_REPORT", { reason });
const removalAsked = (minutesBefore = 5): StoryAction => ({ kind: "timed", type: "REQUEST_REMOVAL", field: "requestedAt", minutesBefore, fields: {} });
const askCommunications = event("ASK_COMMUNICATIONS_HELP");
const platformAnswer = (outcome: PlatformAnswer, notes: string) => event("RECORD_PLATFORM_ANSWER", { outcome, notes });
const noRemoval = (reason: string) => event("NO_REMOVAL_NEEDED", { reason });
const closeReport = (summary: string) => event("CLOSE", { summary });

// ---------------------------------------------------------------------------------------------
// Posts made by mistake (Haringey 4.2.5)

const mistakenPosts: MistakenPostStory[] = [
  {
    kind: "mistaken_post",
    reporter: "comms1",
    day: 124,
    at: "09:40",
    post: {
      platform: "X (Twitter)",
      account: "@EastbridgeCouncil",
      link: "https://x.example/EastbridgeCouncil/status/1001",
      minutesBefore: 9,
      whatHappened:
        "A post about bin collections over the bank holiday went out with last year's dates. It says collections move to Saturday; this year they do not move.",
    },
    steps: [
      [6, "headcomms", acknowledge("Thanks, Ellie. Keep the screenshot and correct it quickly.")],
      [4, "reporter", screenshot],
      [2, "reporter", deleted("Four reposts and no replies by the time it came down.")],
      [25, "comms2", assess([2, 2, 2], [], "respond", "Wrong information about a service people rely on. Few saw it, but some may put their bins out on the wrong day, so we post the right dates.")],
      [3, "comms2", leaderNotNeeded("A correction of dates, deleted within twenty minutes. Not a reputational issue.")],
      [10, "reporter", draft("Correction: bin collections do not change over the bank holiday this year. Please put your bins out on your usual day. Sorry for the confusion in our earlier post.")],
      [2, "reporter", checksDone],
      [6, "comms2", toneSignedOff],
      [4, "reporter", sent("X, from @EastbridgeCouncil, and the news page of the website")],
      [
        [1, "10:15"],
        "reporter",
        closeWithReview(
          "Last year's bank holiday post was reused from the scheduling tool without changing the dates. Deleted within twenty minutes and corrected.",
          "Reused posts are checked against this year's calendar before they are queued.",
          [{ action: "Clear last year's seasonal posts out of the scheduling tool", owner: "Ellie Marsh" }],
        ),
      ],
    ],
  },
  {
    kind: "mistaken_post",
    reporter: "library-assistant",
    day: 117,
    at: "11:05",
    post: {
      platform: "Facebook",
      account: "@EastbridgeLibraries",
      link: "https://facebook.example/EastbridgeLibraries/posts/2002",
      minutesBefore: 25,
      whatHappened:
        "I shared photos from the children's craft session before checking the consent forms. Two children whose parents said no to photos can be seen.",
    },
    steps: [
      [7, "libraries-manager", acknowledge("Take it down now, then let me know. I will call the parents.")],
      [3, "reporter", screenshot],
      [1, "reporter", deleted("Deleted about half an hour after posting. 23 likes, no shares.")],
      [40, "comms1", assess([2, 3, 2], ["vulnerable_person"], "investigate", "Children's photos posted without consent. Deleted quickly with no shares, but it is a safeguarding and data protection matter, so we find out how it happened.")],
      [5, "comms1", leaderNotNeeded("Handled with the two families directly; nothing public to respond to.")],
      [
        [2, "14:30"],
        "comms1",
        closeWithReview(
          "Photos went up before the consent list was checked. Owen Price spoke to both families the same day; neither wants to take it further. Logged with the Data Protection Officer.",
          "Check the consent list before any photo of children is posted, not after.",
          [
            { action: "Add the consent check to the library posting checklist", owner: "Owen Price" },
            { action: "Photo consent refresher for library staff", owner: "Owen Price" },
          ],
        ),
      ],
    ],
  },
  {
    kind: "mistaken_post",
    reporter: "comms2",
    day: 109,
    at: "20:10",
    post: {
      platform: "Instagram",
      account: "@eastbridgecouncil",
      link: null,
      minutesBefore: 4,
      whatHappened: "I posted a story from my own holiday to the council's Instagram instead of my personal account. It was up for about five minutes.",
    },
    steps: [
      // Out of hours: Dan Okafor misses the deadline, Priya Shah is asked, then Dan answers.
      [23, "headcomms", acknowledge("Seen it now. No harm done: screenshot it and take it down.")],
      [2, "reporter", screenshot],
      [1, "reporter", deleted("Removed from the story. About 40 views.")],
      [[1, "09:20"], "comms1", assess([1, 1, 1], [], "do_not_engage", "A personal photo, nothing offensive, seen by few. No comment needed.")],
      [2, "comms1", leaderNotNeeded("Not a reputational issue.")],
      [
        3,
        "comms1",
        closeWithReview(
          "A personal story went to the council account because both accounts were signed in on the same phone.",
          "Keep the council's accounts on work phones only.",
          [{ action: "Sign the council accounts out of personal phones", owner: "Sam Patel" }],
        ),
      ],
    ],
  },
  {
    kind: "mistaken_post",
    reporter: "hub-officer",
    day: 101,
    at: "10:20",
    post: {
      platform: "Facebook",
      account: "Eastbridge Borough Council",
      link: "https://facebook.example/EastbridgeBoroughCouncil/posts/3003",
      minutesBefore: 15,
      whatHappened:
        "I posted Northfield hub's opening hours under a photo of Southgate hub. Southgate is closed on Wednesdays, but the post says it is open.",
    },
    steps: [
      // Helen Ward is in a meeting: Marcus Bell is asked after 15 minutes, then Helen answers.
      [21, "asked", acknowledge("Sorry, I was in a meeting. Please correct it.")],
      [5, "reporter", screenshot],
      [2, "reporter", notDeleted("not_appropriate", "People have already shared it. We are editing it and adding a correction in the comments rather than deleting it.")],
      [30, "comms2", assess([3, 2, 2], [], "respond", "Residents may travel to a closed hub. Correct it where people saw it.")],
      [2, "comms2", leaderNotNeeded("Wrong opening hours only.")],
      [8, "comms2", draft("Correction: Southgate Community Hub is closed on Wednesdays. Northfield Community Hub is open from 9am to 5pm. Sorry for the mix-up.")],
      [1, "comms2", checksDone],
      [12, "comms1", toneSignedOff],
      [3, "comms2", sent("Comment pinned under the original Facebook post, which was edited")],
      [[1, "11:00"], "comms2", closeWithReview("The hubs' opening hours were mixed up when the post was written.", "Opening hours are copied from the hubs' web page, not written from memory.")],
    ],
  },
  {
    kind: "mistaken_post",
    reporter: "comms1",
    day: 89,
    at: "08:50",
    post: {
      platform: "X (Twitter)",
      account: "@EastbridgeCouncil",
      link: "https://x.example/EastbridgeCouncil/status/4004",
      minutesBefore: 20,
      whatHappened:
        "A scheduled post said Riverside Leisure Centre will close in the spring. That is only a proposal in the draft budget; no decision has been made. It is being shared widely and the local paper has asked about it.",
    },
    steps: [
      [9, "headcomms", acknowledge("On it. I will call Priya.")],
      [3, "reporter", screenshot],
      [2, "reporter", deleted("Deleted at once, but it had about 300 reposts and many replies by then.")],
      [22, "reporter", assess([4, 4, 4], ["media_interest"], "respond", "Residents and staff at the centre believe it is closing, and the paper is already asking. We correct it clearly, apologise and explain the budget process.", true)],
      [
        15,
        "reporter",
        {
          kind: "crisisPlan",
          holdingStatement:
            "No decision has been made about Riverside Leisure Centre. An earlier post was wrong and has been removed. Proposals in the draft budget go to Cabinet next month, and residents can have their say in the budget consultation.",
          spokesperson: "Dan Okafor, Head of Communications",
          audiences: "Residents and centre users, staff at the centre, ward councillors, the local paper and radio",
          channels: ["@EastbridgeCouncil", "Eastbridge Borough Council"],
          reviewAt: 240,
          tasks: [
            { title: "Brief the centre manager and front desk staff with the holding statement", owner: "comms2", due: 120 },
            { title: "Answer the local paper with the holding statement", owner: "headcomms", due: 60 },
          ],
        },
      ],
      [10, "reporter", leaderAware("A post wrongly said Riverside Leisure Centre will close. It has been removed and a correction goes out this morning. The paper has asked for comment; Dan Okafor is answering with the holding statement.")],
      [20, "reporter", draft("We got this wrong. Riverside Leisure Centre is not closing: no decision has been made. Our earlier post described a proposal in the draft budget, which Cabinet will discuss next month. You can have your say at eastbridge.gov.uk/budget. We are sorry for the worry this caused.")],
      [2, "reporter", checksDone],
      [8, "comms2", toneSignedOff],
      [4, "reporter", sent("X and Facebook, pinned to the top of both")],
      // The paper's task runs late: the deadline fires first and Dan Okafor is reminded.
      [20, "headcomms", task(1, "done")],
      [35, "comms2", task(0, "done")],
      [[1, "16:00"], "headcomms", standDown("Replies have calmed down, the paper printed the correction and the centre has had no more calls about it.")],
      [5, "reporter", releaseHeldPosts],
      [3, "reporter", resume],
      [
        [3, "11:30"],
        "headcomms",
        closeWithReview(
          "A post about a budget proposal went out as if it were a decision. Removed within fifteen minutes and corrected within two hours.",
          "Posts about proposals are checked by the service lead before they are queued. The holding statement worked; keep it as a template.",
          [
            { action: "Add a service lead check for posts about proposals", owner: "Dan Okafor" },
            { action: "Save the holding statement as a template", owner: "Ellie Marsh" },
          ],
        ),
      ],
    ],
  },
  {
    kind: "mistaken_post",
    reporter: "libraries-manager",
    day: 78,
    at: "15:40",
    post: {
      platform: "Facebook",
      account: "@EastbridgeLibraries",
      link: "https://facebook.example/EastbridgeLibraries/posts/5005",
      minutesBefore: 50,
      whatHappened: "I replied to a complaint about overdue charges in a sharp tone. Several people have said the reply is rude.",
    },
    steps: [
      [12, "asked", acknowledge()],
      [5, "reporter", screenshot],
      [3, "reporter", notDeleted("not_appropriate", "Others have replied to it and quoted it. Deleting it now would look like hiding it; a proper reply is better.")],
      [35, "comms1", assess([3, 2, 2], [], "respond", "Annoyed replies, but local only. An apology and a helpful answer should settle it.")],
      [3, "comms1", leaderNotNeeded("A single rude reply; local and small.")],
      [10, "comms1", draft("We are sorry: our earlier reply was not good enough. Overdue charges were removed for children's books last year, and adults can ask us about paying in instalments. Please message us and we will look at your account.")],
      [1, "comms1", checksDone],
      [15, "comms2", toneSignedOff],
      [5, "comms1", sent("Reply under the original comment on the libraries Facebook page")],
      [
        [2, "10:00"],
        "comms1",
        closeWithReview("A reply to a complaint was written in a hurry at the end of the day.", "Replies to complaints wait for a second look when they can.", [
          { action: "Share the guide to replying to complaints with library staff", owner: "Owen Price" },
        ]),
      ],
    ],
  },
  {
    kind: "mistaken_post",
    reporter: "parks-officer",
    day: 68,
    at: "12:15",
    post: {
      platform: "X (Twitter)",
      account: "@EastbridgeParks",
      link: "https://x.example/EastbridgeParks/status/6006",
      minutesBefore: 30,
      whatHappened: "I posted a photo of the new play area at Victoria Park that shows a parked car's number plate clearly.",
    },
    steps: [
      [10, "asked", acknowledge()],
      [2, "reporter", screenshot],
      [1, "reporter", deleted("Deleted and posted again with the number plate blurred.")],
      [50, "comms2", assess([2, 2, 1], ["personal_data"], "do_not_engage", "A number plate is personal data. Deleted within the hour and nobody replied about it.")],
      [2, "comms2", leaderNotNeeded("Minor, and already put right.")],
      [[1, "09:45"], "comms2", closeWithReview("A photo showed a number plate.", "Blur number plates and faces before posting photos taken in public places.")],
    ],
  },
  {
    kind: "mistaken_post",
    reporter: "comms2",
    day: 60,
    at: "14:05",
    post: {
      platform: "Facebook",
      account: "Eastbridge Borough Council",
      link: "https://facebook.example/EastbridgeBoroughCouncil/posts/7007",
      minutesBefore: 40,
      whatHappened: "The council tax reminder linked to a test page of the website instead of the payment page.",
    },
    steps: [
      [8, "headcomms", acknowledge()],
      [3, "reporter", screenshot],
      [2, "reporter", notDeleted("not_appropriate", "The post was right apart from the link, so we corrected the link instead of deleting the post.")],
      [20, "comms1", assess([2, 1, 2], [], "do_not_engage", "A broken link for 40 minutes. The test page asked for no payment details.")],
      [2, "comms1", leaderNotNeeded("Not a reputational issue.")],
      [30, "comms1", closeWithReview("A link was copied from the test website.", "Click every link in a post before it is scheduled.")],
    ],
  },
  {
    kind: "mistaken_post",
    reporter: "library-assistant",
    day: 49,
    at: "10:30",
    post: {
      platform: "Facebook",
      account: "@EastbridgeLibraries",
      link: "https://facebook.example/EastbridgeLibraries/posts/8008",
      minutesBefore: 12,
      whatHappened: "I answered a resident's question on the library page with another resident's booking details, including their name and phone number.",
    },
    steps: [
      [4, "libraries-manager", acknowledge("Delete it now. I am coming over.")],
      [1, "reporter", screenshot],
      [1, "reporter", deleted("Deleted about 18 minutes after it was posted.")],
      [25, "comms1", assess([3, 4, 2], ["personal_data"], "investigate", "A resident's personal details were made public. We tell the Data Protection Officer, speak to the resident and check whether it was copied. No public statement unless we are asked.", true)],
      [
        15,
        "comms1",
        {
          kind: "crisisPlan",
          holdingStatement:
            "A message on our libraries page included someone's personal details by mistake. We removed it within 20 minutes, have spoken to the person concerned and told our Data Protection Officer.",
          spokesperson: "Dan Okafor, Head of Communications",
          audiences: "The resident affected, library users, the Data Protection Officer, ward councillors if they ask",
          channels: ["@EastbridgeLibraries"],
          reviewAt: [1, "10:00"],
          tasks: [
            { title: "Call the resident whose details were posted", owner: "libraries-manager", due: 90 },
            { title: "Report the breach to the Data Protection Officer", owner: "headcomms", due: [1, "12:00"] },
          ],
        },
      ],
      [10, "comms1", leaderAware("A resident's personal details were on the libraries page for 20 minutes. Removed; the resident is being called and the Data Protection Officer told. No press interest.")],
      [40, "libraries-manager", task(0, "done")],
      [[1, "11:20"], "headcomms", task(1, "done")],
      [[1, "15:00"], "comms1", standDown("The resident has accepted our apology. The Data Protection Officer judged it did not need reporting to the regulator, and no copies were found.")],
      [3, "comms1", releaseHeldPosts],
      [2, "comms1", resume],
      [
        [2, "10:00"],
        "comms1",
        closeWithReview("A reply was pasted from the wrong booking.", "Replies on the libraries page are written fresh, never pasted from the booking system.", [
          { action: "Stop copying from the booking system on the enquiry desk computers", owner: "Alex Morgan" },
        ]),
      ],
    ],
  },
  {
    kind: "mistaken_post",
    reporter: "head-parks",
    day: 35,
    at: "13:10",
    post: {
      platform: "X (Twitter)",
      account: "@EastbridgeParks",
      link: "https://x.example/EastbridgeParks/status/9009",
      minutesBefore: 60,
      whatHappened:
        "I reposted a campaign group's post about the Station Road trees from the parks account. It looks as if the council is taking a side before the consultation ends.",
    },
    steps: [
      [14, "asked", acknowledge("Undo it, please. Communications will decide on anything further.")],
      [3, "reporter", screenshot],
      [2, "reporter", deleted("Repost undone.")],
      [45, "comms2", assess([3, 3, 3], [], "investigate", "Campaigners on both sides noticed. The council must stay neutral while the consultation is open; we check whether a statement is needed.")],
      [5, "comms2", leaderAware("The parks account reposted a campaign group's post about the Station Road trees for an hour. It has been undone. Expect questions from ward councillors.")],
      [
        [1, "16:30"],
        "comms2",
        closeWithReview("A repost was pressed by mistake on a shared phone.", "The parks account is used from the work phone only, and reposts get a second look during consultations.", [
          { action: "Remind Place staff of the rules during consultations", owner: "Liam Turner" },
        ]),
      ],
    ],
  },
  // Open: everything done but the closing review.
  {
    kind: "mistaken_post",
    reporter: "comms1",
    day: 20,
    at: "09:15",
    post: {
      platform: "Instagram",
      account: "@eastbridgecouncil",
      link: null,
      minutesBefore: 10,
      whatHappened: "A story gave the wrong closing date for school place applications: it says the 15th, but applications close on the 14th.",
    },
    steps: [
      [5, "headcomms", acknowledge()],
      [3, "reporter", screenshot],
      [1, "reporter", deleted("Story deleted after about fifteen minutes.")],
      [20, "comms2", assess([3, 3, 2], [], "respond", "A missed deadline would hurt families. Post the right date wherever the story was seen.")],
      [2, "comms2", leaderNotNeeded("A date corrected quickly.")],
      [10, "reporter", draft("Correction: applications for a school place close on the 14th, not the 15th as our earlier story said. Apply at eastbridge.gov.uk/admissions.")],
      [1, "reporter", checksDone],
      [9, "comms2", toneSignedOff],
      [3, "reporter", sent("Instagram story and the council's Facebook page")],
    ],
  },
  // Open: a live crisis. @EastbridgeParks stays paused, one task is late, one not yet due.
  {
    kind: "mistaken_post",
    reporter: "parks-officer",
    day: 7,
    at: "10:05",
    post: {
      platform: "X (Twitter)",
      account: "@EastbridgeParks",
      link: "https://x.example/EastbridgeParks/status/1212",
      minutesBefore: 15,
      whatHappened:
        "I posted an internal note saying the Victoria Park paddling pool failed its water test and is closed. The pool passed its test and is open. Parents are sharing it and local radio has called.",
    },
    steps: [
      [6, "asked", acknowledge("Delete it and call Communications now.")],
      [2, "reporter", screenshot],
      [1, "reporter", deleted("Deleted, but it had about 150 reposts by then.")],
      [14, "comms1", assess([4, 3, 4], ["media_interest"], "respond", "Parents believe the pool is unsafe and local radio is asking. Correct it at once and keep the parks account quiet until it settles.", true)],
      [
        12,
        "comms1",
        {
          kind: "crisisPlan",
          holdingStatement:
            "Victoria Park paddling pool is open and safe: it passed its latest water test. A post from our parks account was wrong and has been removed. We are sorry for the worry it caused.",
          spokesperson: "Liam Turner, Head of Parks and Leisure",
          audiences: "Parents and pool users, the pool attendants, local radio and the paper, ward councillors",
          channels: ["@EastbridgeParks"],
          reviewAt: [1, "10:00"],
          tasks: [
            { title: "Put the latest water test result up at the pool and brief the attendants", owner: "head-parks", due: 180 },
            { title: "Ask local radio to correct its bulletin", owner: "headcomms", due: [2, "12:00"] },
            { title: "Review who can post on the parks account", owner: "comms2", due: [12, "12:00"] },
          ],
        },
      ],
      [8, "comms1", leaderAware("Our parks account wrongly said the Victoria Park paddling pool failed its water test. Removed; a correction is going out now. Local radio has asked, and Liam Turner will speak to them.")],
      [15, "comms1", draft("Victoria Park paddling pool is open and safe: it passed its latest water test. An earlier post from this account was wrong and has been removed. We are sorry for the worry it caused.")],
      [1, "comms1", checksDone],
      [7, "comms2", toneSignedOff],
      [3, "comms1", sent("@EastbridgeParks on X, pinned")],
      [90, "head-parks", task(0, "done")],
      [[1, "09:30"], "comms2", task(2, "in_progress")],
    ],
  },
  // Open: acknowledged and deleted, waiting for Communications to assess the risk.
  {
    kind: "mistaken_post",
    reporter: "hub-officer",
    day: 3,
    at: "14:20",
    post: {
      platform: "Facebook",
      account: "Eastbridge Borough Council",
      link: "https://facebook.example/EastbridgeBoroughCouncil/posts/1313",
      minutesBefore: 30,
      whatHappened: "I posted photos from the hub's coffee morning. In one of them, a letter with a resident's address can be read on a table.",
    },
    steps: [
      [9, "asked", acknowledge()],
      [4, "reporter", screenshot],
      [2, "reporter", deleted("Deleted that photo; the others are still up.")],
    ],
  },
  // Open and overdue: reported in the evening, and nobody in the chain has acknowledged.
  {
    kind: "mistaken_post",
    reporter: "head-parks",
    day: 1,
    at: "17:50",
    post: {
      platform: "X (Twitter)",
      account: "@EastbridgeParks",
      link: "https://x.example/EastbridgeParks/status/1414",
      minutesBefore: 8,
      whatHappened: "I posted a photo of the new kiosk at Riverside Park. The key code on the door keypad can be read in it.",
    },
    steps: [],
  },
  // Open: acknowledged, screenshot kept, the deletion not yet recorded.
  {
    kind: "mistaken_post",
    reporter: "comms2",
    day: 2,
    at: "11:40",
    post: {
      platform: "X (Twitter)",
      account: "@EastbridgeCouncil",
      link: "https://x.example/EastbridgeCouncil/status/1515",
      minutesBefore: 20,
      whatHappened: "A thread about this year's road resurfacing gave the wrong weeks for three streets.",
    },
    steps: [
      [6, "headcomms", acknowledge("Screenshot the thread before you change anything.")],
      [15, "reporter", screenshot],
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Abuse of a member of staff (Barnsley section 5)

const abuse = (
  fields: Omit<StaffAbuseStory, "kind" | "report"> & {
    report: Partial<StaffAbuseStory["report"]> & Pick<StaffAbuseStory["report"], "platform" | "whatHappened" | "impact" | "kinds" | "minutesBefore">;
  },
): StaffAbuseStory => ({
  ...fields,
  kind: "staff_abuse",
  report: {
    link: null,
    perpetrator: null,
    protectedCharacteristics: [],
    connectedToRole: "yes",
    noScreenshotReason: null,
    ...fields.report,
  },
});

const staffAbuse: StaffAbuseStory[] = [
  abuse({
    reporter: "parks-officer",
    day: 125,
    at: "10:30",
    report: {
      platform: "Facebook",
      link: "https://facebook.example/EastbridgeBoroughCouncil/posts/2101",
      perpetrator: "A resident who comments on most of our posts",
      minutesBefore: 90,
      kinds: ["harassment"],
      whatHappened: "Under the council's post about the parks consultation, the same person has written a dozen comments calling me a liar and saying they know which park I work in.",
      impact: "I feel watched at work, and I have stopped doing site visits on my own.",
    },
    steps: [
      [0, "reporter", screenshot],
      [10, "reporter", blocked()],
      [45, "supporter", support("Talked it through the same morning. Site visits in pairs for now, and the parks office number instead of Chris's own on the consultation page.")],
      [30, "reporter", removalAsked()],
      [[1, "09:40"], "reporter", platformAnswer("removed", "Facebook removed eight of the comments for harassment and left the rest.")],
      [[1, "10:00"], "reporter", noPolice("Blocking has stopped it and I do not want to take it further. I will report it if it starts again.")],
      [[6, "11:00"], "supporter", wellbeing("Chris is doing site visits again with a colleague and feels better about it. Nothing more has been posted.")],
      [30, "hr", closeReport("Comments removed, account blocked and Chris supported. Not reported to the police, at Chris's choice.")],
    ],
  }),
  abuse({
    reporter: "library-assistant",
    day: 120,
    at: "16:10",
    report: {
      platform: "Facebook",
      perpetrator: "A customer I asked to leave the library",
      minutesBefore: 120,
      kinds: ["threat"],
      whatHappened: "After I asked a customer to leave for shouting at staff, a message to the libraries page said I would 'get what's coming' and described my car.",
      impact: "I am frightened to walk to my car after a late shift.",
    },
    steps: [
      [0, "reporter", screenshot],
      [15, "supporter", support("Jo does not close up alone for now: a colleague walks her to her car. Told her about the employee assistance line.")],
      [20, "reporter", blocked(["blocked", "visibility"])],
      [25, "supporter", police("101", "EB-40117")],
      [2, "reporter", noRemoval("It was a private message to the page, kept as evidence. There is nothing public to remove.")],
      [[5, "10:30"], "supporter", wellbeing("The police visited the customer and gave a warning. Jo is back on late shifts, paired with a colleague.")],
      [[5, "14:00"], "hr", closeReport("Reported to the police, who warned the customer. Jo supported; late shifts are paired.")],
    ],
  }),
  abuse({
    reporter: "comms1",
    day: 113,
    at: "12:00",
    report: {
      platform: "X (Twitter)",
      link: "https://x.example/EastbridgeCouncil/status/2303",
      perpetrator: "Several anonymous accounts",
      minutesBefore: 180,
      kinds: ["hate"],
      protectedCharacteristics: ["race"],
      whatHappened: "After my photo appeared in a news story about the council's campaign, racist replies naming me were posted under the council's posts.",
      impact: "Upsetting. I have had to stop reading the replies, which is part of my job.",
    },
    steps: [
      [0, "reporter", screenshot],
      [1, "reporter", screenshot],
      [10, "reporter", blocked()],
      [30, "supporter", support("Sam Patel is moderating the replies this week so Ellie does not have to. Told Ellie about the employee assistance line.")],
      [5, "reporter", askCommunications],
      [20, "comms2", removalAsked(2)],
      [[1, "10:00"], "reporter", police("true_vision")],
      // X does not answer within 48 hours: Report Harmful Content is offered.
      [[4, "11:00"], "comms2", platformAnswer("removed", "X removed the replies after Report Harmful Content took it up.")],
      [[6, "15:00"], "supporter", wellbeing("Ellie is fine to read the replies again; the moderation rota stays.")],
      [[7, "10:00"], "hr", closeReport("Hate replies reported to True Vision and removed with Report Harmful Content's help. Ellie supported.")],
    ],
  }),
  abuse({
    reporter: "hub-officer",
    day: 106,
    at: "15:30",
    report: {
      platform: "Nextdoor",
      perpetrator: "A neighbour of the hub",
      minutesBefore: 300,
      kinds: ["harassment"],
      whatHappened: "A post on Nextdoor names me as the hub officer who is 'lazy and useless', with a photo of me at the hub's front desk.",
      impact: "Embarrassing. People at the hub have mentioned it to me.",
    },
    steps: [
      [0, "reporter", screenshot],
      [20, "reporter", blocked(["blocked", "visibility", "personal_details"])],
      // Support is recorded the next morning, after the four-hour deadline has told HR and safety.
      [[1, "09:15"], "supporter", support("Met Ben first thing. Asked the hub's regulars' group to keep comments about staff respectful.")],
      [10, "reporter", removalAsked()],
      [[1, "11:00"], "reporter", noPolice("Rude, but not a crime. Blocking and asking Nextdoor to remove it is enough.")],
      [[2, "16:00"], "reporter", platformAnswer("refused", "Nextdoor said the post does not break its rules.")],
      [[5, "10:00"], "supporter", wellbeing("Ben says it has blown over.")],
      [30, "reporter", closeReport("Nextdoor did not remove the post, but it has stopped. Ben supported.")],
    ],
  }),
  abuse({
    reporter: "parks-officer",
    day: 98,
    at: "09:10",
    report: {
      platform: "X (Twitter)",
      link: "https://x.example/EastbridgeParks/status/2505",
      perpetrator: "An account with no name or photo",
      minutesBefore: 40,
      kinds: ["threat"],
      whatHappened: "A reply to the parks account said someone should 'sort out' the officer who closed the car park, with a photo of me next to my work van.",
      impact: "Shaken. I do not want to go out in the van on my own.",
    },
    steps: [
      [0, "reporter", screenshot],
      [5, "reporter", blocked()],
      [20, "supporter", support("Chris works from the depot this week and goes out with a colleague. The photo has been shared with the depot's security staff.")],
      [30, "reporter", police("online", "EB-51822")],
      [5, "reporter", askCommunications],
      [15, "comms2", removalAsked(1)],
      [[1, "14:00"], "comms2", platformAnswer("removed", "X removed the reply and suspended the account.")],
      [[6, "09:30"], "supporter", wellbeing("The police have spoken to someone. Chris is back to normal duties.")],
      [60, "hr", closeReport("Reported to the police, who spoke to a suspect. Reply removed. Chris supported.")],
    ],
  }),
  abuse({
    reporter: "headcomms",
    day: 92,
    at: "11:45",
    report: {
      platform: "Email",
      perpetrator: "A resident unhappy about the budget story",
      minutesBefore: 30,
      kinds: ["harassment"],
      whatHappened: "Since the budget story, one person has sent me over twenty emails calling me the council's 'chief liar', copying in councillors and the local paper.",
      impact: "Wearing. I dread opening my inbox.",
    },
    steps: [
      [0, "reporter", screenshot],
      [10, "reporter", blocked(["blocked"])],
      [40, "supporter", support("Emails from this sender now go to a shared inbox that Legal read, so Dan does not need to.")],
      [[1, "10:00"], "reporter", noPolice("Legal have written to the sender. We will report it if it carries on.")],
      [2, "reporter", noRemoval("Emails, not public posts.")],
      [[5, "12:00"], "supporter", wellbeing("The emails stopped after Legal's letter.")],
      [[5, "15:00"], "hr", closeReport("The sender was written to by Legal and has stopped. Dan supported.")],
    ],
  }),
  abuse({
    reporter: "libraries-manager",
    day: 85,
    at: "14:00",
    report: {
      platform: "Facebook",
      perpetrator: "Two accounts sharing the video",
      minutesBefore: 200,
      kinds: ["hate"],
      protectedCharacteristics: ["disability"],
      whatHappened: "A video of me reading at rhyme time was shared on a local group with comments mocking my stammer.",
      impact: "Hurtful. I have asked not to be filmed at events for now.",
    },
    steps: [
      [0, "reporter", screenshot],
      [15, "reporter", blocked(["blocked", "visibility"])],
      [50, "supporter", support("Talked with Owen. Colleagues lead filmed events for now, and he has the details of the disabled staff network.")],
      [30, "reporter", police("true_vision")],
      [5, "reporter", removalAsked(120)],
      [[1, "16:00"], "reporter", platformAnswer("removed", "Facebook removed the comments. The video stays on the council's own page.")],
      [[5, "11:00"], "supporter", wellbeing("Owen is back leading rhyme time and does not want any more done.")],
      [30, "hr", closeReport("Reported to True Vision; comments removed. Owen supported.")],
    ],
  }),
  abuse({
    reporter: "comms2",
    day: 82,
    at: "10:40",
    report: {
      platform: "TikTok",
      link: "https://tiktok.example/video/2707",
      perpetrator: "An account that reposts council videos",
      minutesBefore: 600,
      kinds: ["harassment"],
      whatHappened: "A video made from clips of me in the council's TikTok videos, with mocking captions. The comments tell people to find me at the council offices.",
      impact: "Anxious about coming into the office and about appearing in our videos.",
    },
    steps: [
      [0, "reporter", screenshot],
      [1, "reporter", screenshot],
      [10, "reporter", blocked()],
      [25, "supporter", support("Sam is working from home for a few days and will not appear in videos for now. Reception has been told.")],
      [20, "reporter", removalAsked()],
      [[1, "09:00"], "reporter", noPolice("I asked 101 for advice. They said to report it to the platform and keep records, and to call them if anyone turns up.")],
      // TikTok stays silent: after 48 hours Report Harmful Content is offered.
      [[4, "10:00"], "reporter", platformAnswer("other", "TikTok did not answer. Report Harmful Content took it up and TikTok removed the video two days later.")],
      [[6, "16:00"], "supporter", wellbeing("Sam is back in the office and happy to appear in videos again.")],
      [[7, "09:30"], "hr", closeReport("Video removed with Report Harmful Content's help. Sam supported.")],
    ],
  }),
  abuse({
    reporter: "library-assistant",
    day: 73,
    at: "13:30",
    report: {
      platform: "Instagram",
      perpetrator: "A library user",
      minutesBefore: 240,
      kinds: ["harassment"],
      whatHappened: "A library user took a photo of me at the desk and posted it with comments about my appearance.",
      impact: "Uncomfortable being on the front desk.",
    },
    steps: [
      [0, "reporter", screenshot],
      [10, "reporter", blocked(["blocked", "tagging"])],
      [20, "reporter", removalAsked()],
      // Owen Price is on a course: the four-hour deadline tells HR and safety first.
      [[1, "09:10"], "supporter", support("Sorry for the delay, I was on a course yesterday. Jo can swap to the back office whenever she wants, and we will speak to the user if they come in.")],
      [50, "reporter", noPolice("Not a crime; I want it taken down.")],
      [[1, "15:30"], "reporter", platformAnswer("removed", "Instagram removed the post for bullying.")],
      [[6, "10:00"], "supporter", wellbeing("Jo is back on the front desk and the user has not been in.")],
      [20, "reporter", closeReport("The post was removed and I feel supported. Thank you.")],
    ],
  }),
  abuse({
    reporter: "dir-place",
    day: 66,
    at: "09:00",
    report: {
      platform: "X (Twitter)",
      perpetrator: "An anonymous account",
      minutesBefore: 720,
      kinds: ["threat"],
      whatHappened: "After the planning decision on the Mill Lane site, posts said someone should 'pay me a visit' and named the village I live in.",
      impact: "Worried for my family.",
    },
    steps: [
      [0, "reporter", screenshot],
      [1, "reporter", screenshot],
      [10, "reporter", blocked()],
      [30, "reporter", police("101", "EB-63390", "Neighbourhood policing team, Eastbridge North")],
      [40, "supporter", support("Home security advice arranged for Grace, and her details checked on the council's website.")],
      [5, "reporter", askCommunications],
      [20, "comms1", removalAsked(1)],
      [[1, "11:00"], "comms1", platformAnswer("removed", "X removed both posts.")],
      [[5, "09:30"], "supporter", wellbeing("The police drove past the house for a week. Nothing more has happened.")],
      [30, "hr", closeReport("Reported to the police; posts removed. Grace supported.")],
    ],
  }),
  abuse({
    reporter: "head-parks",
    day: 58,
    at: "16:45",
    report: {
      platform: "Facebook",
      perpetrator: "A local community group page",
      minutesBefore: 180,
      kinds: ["harassment"],
      whatHappened: "A community group keeps posting my photo from the council website and calling for me to be sacked over the Station Road trees.",
      impact: "Stressful. My family have seen it.",
    },
    steps: [
      [0, "reporter", screenshot],
      [20, "reporter", blocked(["visibility", "personal_details"])],
      [[1, "09:00"], "supporter", support("Spoke to Liam this morning. His photo on the website is replaced with the team's logo.")],
      [60, "reporter", noPolice("Criticism of a decision, not a crime.")],
      [10, "reporter", removalAsked()],
      [[3, "12:00"], "reporter", platformAnswer("refused", "Facebook said it is criticism of a public decision and does not break its rules.")],
      [[6, "14:00"], "supporter", wellbeing("Liam is fine; the posts have slowed down.")],
      [60, "hr", closeReport("Not removed by Facebook. Liam's photo taken off the website; Liam supported.")],
    ],
  }),
  abuse({
    reporter: "hub-officer",
    day: 51,
    at: "17:20",
    report: {
      platform: "WhatsApp",
      perpetrator: "An unknown number",
      minutesBefore: 25,
      kinds: ["threat"],
      whatHappened: "A voice note to the hub's WhatsApp number said I would be 'waited for' after closing.",
      impact: "Scared to lock up. I asked a colleague to stay with me.",
      noScreenshotReason: "It was a voice note. I have kept it on the hub phone.",
    },
    steps: [
      [5, "reporter", blocked(["blocked"])],
      [10, "supporter", support("Called Ben straight away. Nobody locks up alone for now, and the police have the voice note.")],
      [5, "supporter", police("101", "EB-70215")],
      [5, "reporter", noRemoval("A private message; nothing public to remove.")],
      [[5, "10:00"], "supporter", wellbeing("No more messages. Ben is happy to lock up with a colleague.")],
      [30, "hr", closeReport("Reported to the police. No more messages.")],
    ],
  }),
  abuse({
    reporter: "parks-officer",
    day: 44,
    at: "11:10",
    report: {
      platform: "Instagram",
      link: "https://instagram.example/p/2909",
      perpetrator: "Several accounts",
      minutesBefore: 90,
      kinds: ["hate"],
      protectedCharacteristics: ["sexual_orientation"],
      whatHappened: "Comments on the council's photos of the Pride picnic named me and used homophobic slurs.",
      impact: "Angry and upset. I do not want to be in event photos for a while.",
    },
    steps: [
      [0, "reporter", screenshot],
      [10, "reporter", blocked()],
      [25, "supporter", support("Talked it through with Chris. No event photos of Chris for now, and the LGBT+ staff network's details shared.")],
      [20, "reporter", police("true_vision")],
      [5, "reporter", askCommunications],
      [15, "comms2", removalAsked(1)],
      [[1, "10:30"], "comms2", platformAnswer("removed", "Instagram removed the comments, and we have turned on the comment filter.")],
      [[6, "11:00"], "supporter", wellbeing("Chris is fine and wants to help with next year's picnic.")],
      [30, "hr", closeReport("Reported to True Vision; comments removed. Chris supported.")],
    ],
  }),
  abuse({
    reporter: "dir-people",
    day: 38,
    at: "10:00",
    report: {
      platform: "Facebook",
      perpetrator: "A campaign page about the day centre",
      minutesBefore: 600,
      kinds: ["harassment"],
      whatHappened: "Posts about the day centre changes call me heartless and share my photo with the name of the town I live in.",
      impact: "I can take criticism of the decision, but not my home town being posted.",
    },
    steps: [
      [0, "reporter", screenshot],
      [15, "reporter", blocked(["personal_details", "visibility"])],
      [60, "supporter", support("Talked with Marcus. Communications will answer questions about the day centre, so his name is not used.")],
      [[1, "09:00"], "reporter", noPolice("Criticism of a decision; no threat.")],
      [10, "reporter", removalAsked()],
      [[3, "10:00"], "reporter", platformAnswer("refused", "Facebook removed nothing, but the page took down the town's name when we asked.")],
      [[6, "09:00"], "supporter", wellbeing("Marcus is fine.")],
      [30, "hr", closeReport("Town's name taken down by the page. Marcus supported.")],
    ],
  }),
  abuse({
    reporter: "comms1",
    day: 27,
    at: "15:15",
    report: {
      platform: "YouTube",
      link: "https://youtube.example/watch/3111",
      perpetrator: "People commenting on the council meeting video",
      minutesBefore: 1440,
      kinds: ["harassment"],
      whatHappened: "Comments under the video of the council meeting single me out by name and make sexual remarks about me.",
      impact: "Humiliating. I have turned off comment notifications.",
    },
    steps: [
      [0, "reporter", screenshot],
      [10, "reporter", blocked()],
      [20, "supporter", support("Sam Patel reviews the comments on meeting videos from now on. Ellie has the employee assistance line's number.")],
      [10, "reporter", police("online", "EB-81764")],
      [5, "reporter", removalAsked(1)],
      [[1, "10:00"], "reporter", platformAnswer("other", "We removed the comments ourselves as the channel's owner and turned on comment review.")],
      [[6, "10:00"], "supporter", wellbeing("Ellie is fine and comment review is working.")],
      [30, "hr", closeReport("Comments removed, reported to the police online. Ellie supported.")],
    ],
  }),
  // Open and overdue: the wellbeing follow-up is late, and Helen Ward is now on leave.
  abuse({
    reporter: "hub-officer",
    day: 12,
    at: "10:10",
    report: {
      platform: "Facebook",
      perpetrator: "A resident's account",
      minutesBefore: 70,
      kinds: ["harassment"],
      whatHappened: "Comments under the hub's post about the warm space say I turned people away, and name me. It was not me, and nobody was turned away.",
      impact: "Upset. Some regulars have asked me about it.",
    },
    steps: [
      [0, "reporter", screenshot],
      [10, "reporter", blocked(["blocked", "visibility"])],
      [35, "supporter", support("Met Ben. The hub's post now says clearly who runs the warm space, and Ben can take a break from the front desk.")],
      [20, "reporter", noPolice("Untrue, but not threatening.")],
      [5, "reporter", removalAsked()],
      [[2, "11:00"], "reporter", platformAnswer("removed", "Facebook removed the comments that named me.")],
    ],
  }),
  // Open: everything done, waiting for HR and safety to close it.
  abuse({
    reporter: "parks-officer",
    day: 9,
    at: "13:00",
    report: {
      platform: "TikTok",
      link: "https://tiktok.example/video/3313",
      perpetrator: "Someone filming in the park",
      minutesBefore: 120,
      kinds: ["harassment"],
      whatHappened: "Someone filmed me asking a group to stop riding motorbikes on the playing fields and posted it with my name and mocking captions.",
      impact: "I am being recognised in the park. Most people are kind, but some shout at me.",
    },
    steps: [
      [0, "reporter", screenshot],
      [10, "reporter", blocked()],
      [25, "supporter", support("Chris patrols that field with a colleague for now, and can swap to the depot if it gets worse.")],
      [20, "reporter", police("101", "EB-90548")],
      [5, "reporter", removalAsked()],
      [[1, "10:00"], "reporter", platformAnswer("removed", "TikTok removed the video for harassment.")],
      [[5, "11:00"], "supporter", wellbeing("Chris is fine; the rangers patrol that field in pairs now.")],
    ],
  }),
  // Open, not overdue: support recorded, the wellbeing follow-up not yet due, Communications asked to help.
  abuse({
    reporter: "comms2",
    day: 4,
    at: "10:20",
    report: {
      platform: "Instagram",
      link: "https://instagram.example/p/3414",
      perpetrator: "Anonymous accounts",
      minutesBefore: 45,
      kinds: ["hate"],
      protectedCharacteristics: ["religion"],
      whatHappened: "Replies to our post about the faith groups' open day in the town centre abused me by name because of my religion.",
      impact: "Shaken. I have asked not to moderate the comments on that post.",
    },
    steps: [
      [0, "reporter", screenshot],
      [1, "reporter", screenshot],
      [10, "reporter", blocked()],
      [30, "supporter", support("Ellie Marsh has taken over moderating those comments. Sam has the employee assistance line's number.")],
      [20, "reporter", police("true_vision")],
      [5, "reporter", askCommunications],
    ],
  }),
  // Open and overdue: no police report or reason yet, so the reminders keep coming.
  abuse({
    reporter: "admin",
    day: 2,
    at: "11:00",
    report: {
      platform: "LinkedIn",
      perpetrator: "A former contractor",
      minutesBefore: 900,
      kinds: ["harassment", "threat"],
      connectedToRole: "yes",
      whatHappened: "A former contractor whose system access I removed has sent me repeated messages on LinkedIn calling me spiteful and saying I 'will regret it'.",
      impact: "On edge. I have stopped accepting LinkedIn messages.",
    },
    steps: [
      [0, "reporter", screenshot],
      [15, "reporter", blocked(["blocked", "visibility"])],
      [30, "supporter", support("Spoke to Alex. The contractor's company has been told and Legal are looking at the messages. Alex is taking time to decide about the police.")],
      [10, "reporter", noRemoval("Private messages; nothing public to remove.")],
    ],
  }),
  // Open and overdue: the line manager has not yet recorded any support.
  abuse({
    reporter: "head-parks",
    day: 1,
    at: "11:20",
    report: {
      platform: "Facebook",
      link: "https://facebook.example/EastbridgeBoroughCouncil/posts/3616",
      perpetrator: "An account using a false name",
      minutesBefore: 100,
      kinds: ["threat"],
      whatHappened: "After the allotment rent rise, a comment on the council's page said someone should 'deal with' the Head of Parks, with my photo from the council website.",
      impact: "Unsettled. I am working from the office today rather than visiting sites.",
    },
    steps: [
      [0, "reporter", screenshot],
      [10, "reporter", blocked()],
      [30, "reporter", police("101", "EB-97310")],
      [10, "reporter", removalAsked()],
    ],
  }),
  // Open, not overdue: only the privacy check is left to do.
  abuse({
    reporter: "head-community",
    day: 3,
    at: "09:40",
    report: {
      platform: "Facebook",
      perpetrator: "Several accounts on a local group",
      minutesBefore: 180,
      kinds: ["harassment"],
      connectedToRole: "yes",
      whatHappened: "Posts on a local group about the changes to community hub hours name me as 'the one closing the hubs' and share my photo.",
      impact: "Upsetting, but I feel supported. I start annual leave in a few days.",
    },
    steps: [
      [0, "reporter", screenshot],
      [40, "supporter", support("Spoke to Helen before her leave. Communications will answer questions about the hub hours, so Helen's name is not used.")],
      [20, "reporter", noPolice("Criticism of a decision. No threat.")],
      [5, "reporter", removalAsked()],
      [[1, "15:00"], "reporter", platformAnswer("refused", "Facebook said the posts do not break its rules.")],
    ],
  }),
];

export const DEMO_STORIES: Story[] = [...mistakenPosts, ...staffAbuse];
