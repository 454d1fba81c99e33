import type { AbuseReport, PlatformAnswer, PoliceRoute, StaffAbuseContext } from "../../../machines/staff-abuse";
import { event, screenshot, timed, type DemoStories, type Story } from "../../demo/stories";
import { reportStaffAbuse } from "./model.server";

/**
 * Abuse of a member of staff (Barnsley section 5) in the demo organisation's past
 * (app/demo/stories.ts). Its stories use only the shared actions.
 */

type AbuseStoryReport = Omit<AbuseReport, "happenedAt" | "inDanger"> & { minutesBefore: number };

type StaffAbuseStory = Story<AbuseStoryReport, never>;

// ---------------------------------------------------------------------------------------------
// Helpers that read like the steps people take

const ALL_PRIVACY_STEPS = ["blocked", "visibility", "personal_details", "tagging"];
const blocked = (steps: string[] = ALL_PRIVACY_STEPS) => event("RECORD_BLOCKING", { steps });
const support = (offered: string) => event("RECORD_SUPPORT", { offered });
const wellbeing = (notes: string) => event("RECORD_WELLBEING_FOLLOW_UP", { notes });
const police = (route: PoliceRoute, crimeReference?: string, officer?: string) =>
  timed("RECORD_POLICE_REPORT", "reportedAt", 10, { route, ...(crimeReference ? { crimeReference } : {}), ...(officer ? { officer } : {}) });
const noPolice = (reason: string) => event("RECORD_NO_POLICE_REPORT", { reason });
const removalAsked = (minutesBefore = 5) => timed("REQUEST_REMOVAL", "requestedAt", minutesBefore);
const askCommunications = event("ASK_COMMUNICATIONS_HELP");
const platformAnswer = (outcome: PlatformAnswer, notes: string) => event("RECORD_PLATFORM_ANSWER", { outcome, notes });
const noRemoval = (reason: string) => event("NO_REMOVAL_NEEDED", { reason });
const closeReport = (summary: string) => event("CLOSE", { summary });

// ---------------------------------------------------------------------------------------------
// The stories, oldest first

/** A story with the report form's defaults for what it does not say. */
const abuse = (
  fields: Omit<StaffAbuseStory, "report"> & {
    report: Partial<AbuseStoryReport> & Pick<AbuseStoryReport, "platform" | "whatHappened" | "impact" | "kinds" | "minutesBefore">;
  },
): StaffAbuseStory => ({
  ...fields,
  report: {
    link: null,
    perpetrator: null,
    protectedCharacteristics: [],
    connectedToRole: "yes",
    noScreenshotReason: null,
    ...fields.report,
  },
});

const stories: StaffAbuseStory[] = [
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

export const staffAbuseDemoStories: DemoStories<AbuseStoryReport, never, StaffAbuseContext> = {
  stories,
  report: (db, reporter, { minutesBefore: _minutesBefore, ...report }, { reportedAt, happenedAt }) =>
    reportStaffAbuse(db, reporter, { ...report, inDanger: false, happenedAt: happenedAt.toISOString() }, reportedAt),
  /** "supporter": the manager asked to support the member of staff. */
  actor(name, context) {
    if (name !== "supporter") return undefined;
    const manager = context.supportingManager;
    if (!manager) throw new Error("no manager was asked to support");
    return manager.id;
  },
  // Its stories use the shared actions only: there is nothing of its own to play.
  play: (_db, action) => action,
};
