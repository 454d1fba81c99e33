import { sql } from "drizzle-orm";
import { organisationDate, organisationLocalToUtc } from "../machines/kit/dates";
import type { Db } from "./client";
import { absences, channels, people, personRoles, scheduledPosts, settings, type Role } from "./schema";

/**
 * The demo organisation: Eastbridge Borough Council, a fictional council with a Communications
 * team, senior leadership, HR and services four to five levels deep. Everyone signs in with the
 * same demo password (see the README). One manager, Helen Ward, is away, so a report from her
 * team shows the fallback to the next most senior officer.
 */

export const DEMO_PASSWORD = "holdfast-demo";

interface DemoPerson {
  key: string;
  name: string;
  jobTitle: string;
  service: string;
  seniority: number;
  manager: string | null;
  roles: Role[];
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { key: "ceo", name: "Ruth Adeyemi", jobTitle: "Chief Executive", service: "Chief Executive's Office", seniority: 1, manager: null, roles: ["staff", "leadership"] },
  { key: "leader", name: "Cllr Tom Reilly", jobTitle: "Leader of the Council", service: "Members", seniority: 1, manager: null, roles: ["leadership"] },
  { key: "ad", name: "Priya Shah", jobTitle: "Assistant Director for Strategy and Communications", service: "Strategy and Communications", seniority: 2, manager: "ceo", roles: ["staff", "leadership"] },
  { key: "headcomms", name: "Dan Okafor", jobTitle: "Head of Communications", service: "Strategy and Communications", seniority: 3, manager: "ad", roles: ["staff", "communications", "leadership"] },
  { key: "comms1", name: "Ellie Marsh", jobTitle: "Communications Officer", service: "Strategy and Communications", seniority: 4, manager: "headcomms", roles: ["staff", "communications"] },
  { key: "comms2", name: "Sam Patel", jobTitle: "Digital Communications Officer", service: "Strategy and Communications", seniority: 4, manager: "headcomms", roles: ["staff", "communications"] },
  { key: "dir-people", name: "Marcus Bell", jobTitle: "Director of Adults and Communities", service: "Adults and Communities", seniority: 2, manager: "ceo", roles: ["staff"] },
  { key: "head-community", name: "Helen Ward", jobTitle: "Head of Community Services", service: "Adults and Communities", seniority: 3, manager: "dir-people", roles: ["staff"] },
  { key: "libraries-manager", name: "Owen Price", jobTitle: "Libraries Manager", service: "Adults and Communities", seniority: 4, manager: "head-community", roles: ["staff"] },
  { key: "library-assistant", name: "Jo Lee", jobTitle: "Library Assistant", service: "Adults and Communities", seniority: 5, manager: "libraries-manager", roles: ["staff"] },
  { key: "hub-officer", name: "Ben Carter", jobTitle: "Community Hub Officer", service: "Adults and Communities", seniority: 4, manager: "head-community", roles: ["staff"] },
  { key: "dir-place", name: "Grace Murphy", jobTitle: "Director of Place", service: "Place", seniority: 2, manager: "ceo", roles: ["staff"] },
  { key: "head-parks", name: "Liam Turner", jobTitle: "Head of Parks and Leisure", service: "Place", seniority: 3, manager: "dir-place", roles: ["staff"] },
  { key: "parks-officer", name: "Chris Doyle", jobTitle: "Parks Engagement Officer", service: "Place", seniority: 4, manager: "head-parks", roles: ["staff"] },
  { key: "hr", name: "Nadia Hussain", jobTitle: "Head of HR and Safety", service: "Resources", seniority: 3, manager: "ad", roles: ["staff", "hr_safety"] },
  { key: "admin", name: "Alex Morgan", jobTitle: "Systems Administrator", service: "Resources", seniority: 4, manager: "hr", roles: ["staff", "admin"] },
];

interface DemoChannel {
  key: string;
  platform: string;
  handle: string;
  link: string;
  owningService: string;
  admins: string[];
  passwordChangedDaysAgo: number | null;
}

// Links point at .example addresses, so nobody trying the demo lands on a real account that
// happens to share a fictional council's name.
export const DEMO_CHANNELS: DemoChannel[] = [
  { key: "council-x", platform: "X (Twitter)", handle: "@EastbridgeCouncil", link: "https://x.example/EastbridgeCouncil", owningService: "Strategy and Communications", admins: ["Dan Okafor", "Ellie Marsh", "Sam Patel"], passwordChangedDaysAgo: 40 },
  { key: "council-facebook", platform: "Facebook", handle: "Eastbridge Borough Council", link: "https://facebook.example/EastbridgeBoroughCouncil", owningService: "Strategy and Communications", admins: ["Dan Okafor", "Ellie Marsh", "Sam Patel"], passwordChangedDaysAgo: 40 },
  { key: "council-instagram", platform: "Instagram", handle: "@eastbridgecouncil", link: "https://instagram.example/eastbridgecouncil", owningService: "Strategy and Communications", admins: ["Sam Patel", "Ellie Marsh"], passwordChangedDaysAgo: 95 },
  { key: "libraries-facebook", platform: "Facebook", handle: "@EastbridgeLibraries", link: "https://facebook.example/EastbridgeLibraries", owningService: "Adults and Communities", admins: ["Owen Price", "Jo Lee", "Ellie Marsh"], passwordChangedDaysAgo: 210 },
  { key: "parks-x", platform: "X (Twitter)", handle: "@EastbridgeParks", link: "https://x.example/EastbridgeParks", owningService: "Place", admins: ["Liam Turner", "Chris Doyle", "Sam Patel"], passwordChangedDaysAgo: null },
];

interface DemoPost {
  channel: string;
  /** Days after the seed, at this time of day in the organisation's zone. */
  inDays: number;
  at: string;
  body: string;
}

export const DEMO_POSTS: DemoPost[] = [
  { channel: "council-x", inDays: 1, at: "09:30", body: "Our customer service centre on the High Street closes at 1pm on Friday for staff training. You can still report and pay for most things online at eastbridge.gov.uk" },
  { channel: "council-facebook", inDays: 1, at: "12:00", body: "Have your say on the draft town centre plan. The consultation is open until the end of the month, and there are drop-in sessions at Central Library every Saturday morning." },
  { channel: "council-instagram", inDays: 2, at: "17:00", body: "Autumn colours in Victoria Park this week. Share your photos of Eastbridge with #LoveEastbridge and we will feature our favourites." },
  { channel: "libraries-facebook", inDays: 2, at: "10:00", body: "Rhyme time is back at Central Library every Tuesday at 10.30am. It is free, and there is no need to book." },
  { channel: "parks-x", inDays: 3, at: "08:00", body: "The Riverside Park run starts at 9am on Saturday. The car park is closed from 7am, so please walk or cycle if you can." },
  { channel: "council-x", inDays: 3, at: "15:00", body: "Councillors meet on Wednesday at 7pm to set next year's budget. Watch the meeting live at eastbridge.gov.uk/meetings" },
];

export function demoEmail(person: Pick<DemoPerson, "name">): string {
  const [first, ...rest] = person.name.replace(/^Cllr /, "").toLowerCase().split(" ");
  return `${first}.${rest.join("-")}@eastbridge.gov.uk`;
}

export const DEFAULT_SETTINGS = {
  acknowledgement_minutes: "15",
};

export function isDatabaseEmpty(db: Db): boolean {
  const row = db.select({ count: sql<number>`count(*)` }).from(people).get();
  return (row?.count ?? 0) === 0;
}

/** Adds the demo organisation. The caller checks the database is empty first. */
export function seedDemoOrganisation(db: Db, options: { passwordHash: string; now: Date }) {
  db.transaction((tx) => {
    const ids = new Map<string, number>();
    for (const person of DEMO_PEOPLE) {
      const row = tx
        .insert(people)
        .values({
          name: person.name,
          email: demoEmail(person),
          jobTitle: person.jobTitle,
          service: person.service,
          seniority: person.seniority,
          lineManagerId: person.manager ? ids.get(person.manager) : null,
          passwordHash: options.passwordHash,
        })
        .returning({ id: people.id })
        .get();
      ids.set(person.key, row.id);
      tx.insert(personRoles)
        .values(person.roles.map((role) => ({ personId: row.id, role })))
        .run();
    }
    const day = 24 * 60 * 60_000;
    tx.insert(absences)
      .values({
        personId: ids.get("head-community")!,
        startsOn: organisationDate(new Date(options.now.getTime() - 2 * day)),
        endsOn: organisationDate(new Date(options.now.getTime() + 13 * day)),
        reason: "Annual leave",
      })
      .run();
    const severityRule = {
      notify_senior_leaders_from: "high",
      senior_leader_ids: JSON.stringify(["headcomms", "ad", "ceo"].map((key) => ids.get(key))),
      leader_id: String(ids.get("leader")),
    };
    tx.insert(settings)
      .values(Object.entries({ ...DEFAULT_SETTINGS, ...severityRule }).map(([key, value]) => ({ key, value })))
      .run();

    const channelIds = new Map<string, number>();
    for (const channel of DEMO_CHANNELS) {
      const { key, passwordChangedDaysAgo, ...columns } = channel;
      const row = tx
        .insert(channels)
        .values({
          ...columns,
          passwordChangedOn:
            passwordChangedDaysAgo === null
              ? null
              : organisationDate(new Date(options.now.getTime() - passwordChangedDaysAgo * day)),
        })
        .returning({ id: channels.id })
        .get();
      channelIds.set(key, row.id);
    }
    const nowIso = options.now.toISOString();
    tx.insert(scheduledPosts)
      .values(
        DEMO_POSTS.map((post) => {
          const onDay = organisationDate(new Date(options.now.getTime() + post.inDays * day));
          return {
            channelId: channelIds.get(post.channel)!,
            body: post.body,
            scheduledFor: organisationLocalToUtc(`${onDay}T${post.at}`)!.toISOString(),
            createdById: ids.get("comms1")!,
            updatedAt: nowIso,
          };
        }),
      )
      .run();
  });
}
