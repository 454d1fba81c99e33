import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { heldPostsForIncident } from "../../../db/channels";
import { channels } from "../../../db/schema";
import type { AggravatingFactor, DeletionReason, MistakenPostContext, MistakenPostDetails, RiskDecision, TaskStatus } from "../../../machines/mistaken-post";
import { event, screenshot, timed, type DemoStories, type StepPlay, type Story, type When } from "../../demo/stories";
import { mistakenPostEventFrom, reportMistakenPost } from "./model.server";

/**
 * Posts made by mistake (Haringey 4.2.5) in the demo organisation's past (app/demo/stories.ts),
 * and how to play what only this path's stories do: a crisis plan made through the page's own
 * form handling, and the posts its pause held released one by one.
 */

type PostReport = Omit<MistakenPostDetails, "postedAt"> & { minutesBefore: number };

type MistakenPostAction =
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

type MistakenPostStory = Story<PostReport, MistakenPostAction>;

// ---------------------------------------------------------------------------------------------
// Helpers that read like the steps people take

const acknowledge = (note?: string) => event("ACKNOWLEDGE", note ? { note } : {});
const deleted = (note: string) => timed("RECORD_DELETED", "deletedAt", 1, { note });
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
const releaseHeldPosts: MistakenPostAction = { kind: "releaseHeldPosts" };
const resume = event("RESUME_SCHEDULE");
const closeWithReview = (whatHappened: string, lessons: string, followUps: { action: string; owner: string }[] = []) =>
  event("CLOSE", { whatHappened, lessons, followUps });

// ---------------------------------------------------------------------------------------------
// The stories, oldest first

const stories: MistakenPostStory[] = [
  {
    reporter: "comms1",
    day: 124,
    at: "09:40",
    report: {
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
    reporter: "library-assistant",
    day: 117,
    at: "11:05",
    report: {
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
    reporter: "comms2",
    day: 109,
    at: "20:10",
    report: {
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
    reporter: "hub-officer",
    day: 101,
    at: "10:20",
    report: {
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
    reporter: "comms1",
    day: 89,
    at: "08:50",
    report: {
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
    reporter: "libraries-manager",
    day: 78,
    at: "15:40",
    report: {
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
    reporter: "parks-officer",
    day: 68,
    at: "12:15",
    report: {
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
    reporter: "comms2",
    day: 60,
    at: "14:05",
    report: {
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
    reporter: "library-assistant",
    day: 49,
    at: "10:30",
    report: {
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
    reporter: "head-parks",
    day: 35,
    at: "13:10",
    report: {
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
    reporter: "comms1",
    day: 20,
    at: "09:15",
    report: {
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
    reporter: "parks-officer",
    day: 7,
    at: "10:05",
    report: {
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
    reporter: "hub-officer",
    day: 3,
    at: "14:20",
    report: {
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
    reporter: "head-parks",
    day: 1,
    at: "17:50",
    report: {
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
    reporter: "comms2",
    day: 2,
    at: "11:40",
    report: {
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

function playCrisisPlan(db: Db, plan: Extract<MistakenPostAction, { kind: "crisisPlan" }>, step: StepPlay): number {
  const handles = db.select({ id: channels.id, handle: channels.handle }).from(channels).all();
  const channelIds = plan.channels.map((handle) => {
    const channel = handles.find((candidate) => candidate.handle === handle);
    if (!channel) throw new Error(`no channel ${handle} in the register`);
    return String(channel.id);
  });
  // The plan form's checked value, turned into the event exactly as the page does it.
  const value = {
    intent: "CREATE_CRISIS_PLAN" as const,
    version: 0,
    holdingStatement: plan.holdingStatement,
    spokesperson: plan.spokesperson,
    audiences: plan.audiences,
    channels: channelIds,
    reviewAt: step.momentOf(plan.reviewAt),
    tasks: plan.tasks.map((task) => ({ title: task.title, ownerId: step.personId(task.owner), dueAt: step.momentOf(task.due) })),
  };
  step.send(mistakenPostEventFrom(db, value as Parameters<typeof mistakenPostEventFrom>[1]));
  return 1;
}

function registeredChannelId(db: Db, post: { platform: string; account: string }): number {
  const channel = db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.platform, post.platform), eq(channels.handle, post.account)))
    .get();
  if (!channel) throw new Error(`no channel ${post.account} on ${post.platform} in the register`);
  return channel.id;
}

function releaseHeld(db: Db, step: StepPlay): number {
  const held = heldPostsForIncident(db, step.incidentId);
  // One decision at a time, twenty seconds apart, as someone working down the list.
  held.forEach((post, index) => step.send({ type: "REVIEW_HELD_POST", postId: post.id, decision: "release" }, new Date(step.at.getTime() + index * 20_000)));
  return held.length;
}

export const mistakenPostDemoStories: DemoStories<PostReport, MistakenPostAction, MistakenPostContext> = {
  stories,
  // Every story's account is in the register, chosen from it as the report form does.
  report: (db, reporter, { minutesBefore: _minutesBefore, ...post }, { reportedAt, happenedAt }) =>
    reportMistakenPost(db, reporter, { ...post, channelId: registeredChannelId(db, post), postedAt: happenedAt.toISOString() }, reportedAt),
  /** "asked": the first officer asked to acknowledge (the line manager, if in). */
  actor(name, context) {
    if (name !== "asked") return undefined;
    const first = context.escalationChain?.[0];
    if (!first) throw new Error("nobody was asked to acknowledge");
    return first.id;
  },
  play: (db, action, step) => (action.kind === "crisisPlan" ? playCrisisPlan(db, action, step) : releaseHeld(db, step)),
};
