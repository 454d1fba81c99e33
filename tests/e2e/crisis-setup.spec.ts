import { expect, test, type Page } from "@playwright/test";
import { and, eq, isNull } from "drizzle-orm";
import { channelPauses, channels, incidents, people as directory, scheduledPosts } from "../../db/schema";
import { applyEvent, storedContext } from "../../db/workflow";
import { toOrganisationLocalInput } from "../../machines/kit/dates";
import type { MistakenPostContext } from "../../machines/mistaken-post";
import { expectAccessible, people, recentLocalTime, signIn, withDatabase } from "./support";

/**
 * Setting up a crisis quickly, and standing it down safely: the account chosen from the register,
 * the plan filled from the crisis template in one click with the incident's channel chosen, the
 * banner on every page while it is in force, a held post cancelled from its channel page recorded
 * on the incident, and the held posts left decided together after a warning about overdue ones.
 */

const ACCOUNT = "Eastbridge Borough Council";

function inDays(days: number): string {
  return toOrganisationLocalInput(new Date(Date.now() + days * 24 * 60 * 60_000));
}

/**
 * The steps before the plan, which other journeys walk through on the page: sent through the
 * workflow on a second connection to the server's database, as the people who take them.
 */
function sendAs(reference: string, who: "asked" | string, roles: string[], event: { type: string; [field: string]: unknown }) {
  withDatabase((database) => {
    const incident = database.select().from(incidents).where(eq(incidents.reference, reference)).get()!;
    const person =
      who === "asked"
        ? (storedContext(incident) as MistakenPostContext).escalationChain[0]
        : database.select({ id: directory.id, name: directory.name }).from(directory).where(eq(directory.name, who)).get()!;
    applyEvent(database, { incidentId: incident.id, event: { ...event, by: { ...person, roles } }, actor: person, now: new Date() });
  });
}

const COMMUNICATIONS = ["staff", "communications"];

async function expectNotice(page: Page, text: string) {
  await expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();
}

test("a crisis set up from the register and the template, announced on every page, and stood down with every held post decided", async ({ page }) => {
  await signIn(page, people.communications);

  // 1. The account is chosen from the channel register.
  await page.getByRole("link", { name: "Report a post made by mistake" }).click();
  await expect(page.getByRole("group", { name: "Which of our accounts posted it?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("radio", { name: `${ACCOUNT} (Facebook)` }).check();
  await page.getByLabel("When was it posted?").fill(recentLocalTime());
  await page.getByLabel("What was posted, and what went wrong?").fill("Posted that the town centre consultation has closed. It is open until the end of the month.");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Post made by mistake on ${ACCOUNT}` })).toBeVisible();
  const reference = (await page.getByText(/^Mistaken post · HF-\d{4}-\d{4}$/).textContent())!.split(" · ")[1];
  const incidentUrl = `/incidents/${reference}`;

  sendAs(reference, "asked", ["staff"], { type: "ACKNOWLEDGE" });
  sendAs(reference, people.communications.name, COMMUNICATIONS, { type: "RECORD_NOT_DELETED", reason: "told_to_keep", explanation: "Kept until the correction is up" });
  sendAs(reference, people.communications.name, COMMUNICATIONS, {
    type: "ASSESS_RISK",
    likelihood: 4,
    impact: 3,
    reach: 4,
    factors: [],
    decision: "investigate",
    rationale: "Residents are sharing it; find out how it was posted.",
    crisisPlanNeeded: true,
  });

  // 2. The plan starts with the incident's channel chosen, and the template fills it in one click.
  await page.goto(incidentUrl);
  await expect(page.getByRole("checkbox", { name: `${ACCOUNT} (Facebook)` })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "All channels" })).not.toBeChecked();
  await expect(page.getByLabel("Holding statement")).toHaveValue("");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Use the crisis template" }).click();
  await expectNotice(page, "filled from the crisis template");
  await expect(page.getByLabel("Holding statement")).toHaveValue(/should not have been published/);
  await expect(page.getByLabel("Task 1", { exact: true })).toHaveValue("Send the holding statement to the contact centre and reception");
  await expect(page.getByLabel("Owner of task 1")).not.toHaveValue("");
  await expect(page.getByLabel("Task 1 due")).not.toHaveValue("");
  await expect(page.getByLabel("Task 3", { exact: true })).toHaveValue("Brief the senior leadership team");
  await expect(page.getByRole("checkbox", { name: `${ACCOUNT} (Facebook)` })).toBeChecked();
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("Crisis template used for the plan");
  await expectAccessible(page);
  await page.getByLabel("Spokesperson").fill("Dan Okafor");
  await page.getByLabel("Audiences and stakeholders").fill("Residents, town centre businesses, ward councillors");
  await page.getByLabel("When will the plan be reviewed?").fill(recentLocalTime(-120));
  await page.getByRole("button", { name: "Put the plan in force" }).click();
  await expectNotice(page, "The crisis plan is in force");
  await expect(page.getByRole("region", { name: "Crisis checklist" })).toContainText("Brief the senior leadership team");

  // 3. The banner is on every page while the plan is in force, with the way to the incident.
  for (const address of ["/", "/channels", "/incidents"]) {
    await page.goto(address);
    const banner = page.getByRole("region", { name: `Scheduled posts on ${ACCOUNT} are paused while a crisis is handled` });
    await expect(banner).toBeVisible();
    await expect(banner.getByRole("link", { name: `See incident ${reference}` })).toHaveAttribute("href", incidentUrl);
    await expectAccessible(page);
  }

  // 4. A held post cancelled from its channel page is recorded on the incident that holds it.
  await page.goto("/channels");
  await page.getByRole("link", { name: ACCOUNT, exact: true }).click();
  await page.getByLabel("Text of the post").fill("Library opening hours over the holidays: every branch closes at 4pm on Christmas Eve.");
  await page.getByLabel("When should it go out?").fill(inDays(2));
  await page.getByRole("button", { name: "Schedule post" }).click();
  await expectNotice(page, "held until it has been reviewed");
  const held = page.getByRole("region", { name: /^Held/ });
  await held.getByRole("row", { name: /Library opening hours/ }).getByRole("link", { name: /^Cancel/ }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Yes, cancel this post" }).click();
  await expectNotice(page, "has been cancelled");
  await page.goto(incidentUrl);
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByText("Held post cancelled from the channel page by Ellie Marsh")).toBeVisible();
  await expect(timeline).toContainText("“Library opening hours over the…”");
  await expectAccessible(page);

  // Two more posts were due while the channel was paused: their times have passed.
  withDatabase((database) => {
    const channel = database.select({ id: channels.id }).from(channels).where(eq(channels.handle, ACCOUNT)).get()!;
    const pause = database.select({ id: channelPauses.id }).from(channelPauses).where(and(eq(channelPauses.channelId, channel.id), isNull(channelPauses.resumedAt))).get()!;
    const ellie = database.select({ id: directory.id }).from(directory).where(eq(directory.name, people.communications.name)).get()!;
    const now = Date.now();
    database
      .insert(scheduledPosts)
      .values(
        [
          ["Bin collections are a day late this week after the bank holiday.", 90],
          ["The Winter Fair opens on Saturday in the Market Square.", 30],
        ].map(([body, minutesAgo]) => ({
          channelId: channel.id,
          body: body as string,
          scheduledFor: new Date(now - (minutesAgo as number) * 60_000).toISOString(),
          status: "held" as const,
          heldByPauseId: pause.id,
          createdById: ellie.id,
          updatedAt: new Date(now).toISOString(),
        })),
      )
      .run();
  });
  sendAs(reference, people.communications.name, COMMUNICATIONS, { type: "LEADER_NOT_NEEDED", reason: "Contained to local residents" });

  // 5. Stood down: the posts left are decided together, after a warning about the overdue ones.
  await page.goto(incidentUrl);
  await page.getByLabel("Why it can be stood down").fill("The correction is up and replies have stopped.");
  await page.getByRole("button", { name: "Stand down" }).click();
  const review = page.getByRole("region", { name: /Held posts to review \(3\)/ });
  await expect(review.getByRole("group", { name: /^What happens to the post “Bin collections are a day late/ })).toBeVisible();
  await expect(review.getByRole("button", { name: /^Save decision on “Have your say on the draft town centre/ })).toBeVisible();
  const together = review.getByRole("region", { name: "Decide all 3 posts at once" });
  await expect(together).toContainText("2 posts' times have already passed");
  await expect(together.getByRole("listitem")).toHaveText([/Bin collections are a day late/, /The Winter Fair opens/]);
  await expectAccessible(page);
  await together.getByLabel("Release all the rest as they are").check();
  await together.getByRole("button", { name: "Decide all 3 posts" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "Confirm that you have checked every post listed" })).toBeVisible();
  await expectAccessible(page);
  await together.getByLabel(/I have checked all 3 posts listed below/).check();
  await together.getByRole("button", { name: "Decide all 3 posts" }).click();
  await expectNotice(page, "The held posts left are decided.");
  await expect(page.getByText("Every held post has been reviewed.")).toBeVisible();
  await expect(timeline.getByText("Held posts left decided together by Ellie Marsh")).toBeVisible();
  await page.getByRole("button", { name: "Resume the schedule" }).click();
  await expectNotice(page, "The schedule is running again.");

  // With the schedule running again, the banner has gone.
  await page.goto("/");
  await expect(page.getByRole("region", { name: /paused while .* handled/ })).toHaveCount(0);
});

test("an administrator keeps the crisis template: a task needs its role, and nothing typed is lost", async ({ page }) => {
  await signIn(page, people.admin);
  await page.goto("/admin/settings");
  await expect(page.getByLabel("Task 1", { exact: true })).toHaveValue("Send the holding statement to the contact centre and reception");
  await expect(page.getByLabel("Task 3 due after")).toHaveValue("2");
  await expect(page.getByLabel("Unit for task 3")).toHaveValue("hours");
  await expectAccessible(page);
  await page.getByLabel("Task 4", { exact: true }).fill("Check the other accounts for the same mistake");
  await page.getByLabel("Task 4 due after").fill("45");
  await page.getByRole("button", { name: "Save settings" }).first().click();
  await expect(page.getByRole("alert")).toContainText("Choose the role that owns the task");
  await expect(page.getByLabel("Task 4", { exact: true })).toHaveValue("Check the other accounts for the same mistake");
  await expect(page.getByLabel("Task 4 due after")).toHaveValue("45");
  await expectAccessible(page);
  await page.getByLabel("Owner of task 4").selectOption({ label: "Communications team" });
  await page.getByRole("button", { name: "Save settings" }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "the crisis template has 4 tasks" })).toBeVisible();
  await expect(page.getByLabel("Task 4", { exact: true })).toHaveValue("Check the other accounts for the same mistake");
  // Back as it was, for the journeys after this one.
  await page.getByLabel("Task 4", { exact: true }).fill("");
  await page.getByLabel("Owner of task 4").selectOption("");
  await page.getByLabel("Task 4 due after").fill("");
  await page.getByRole("button", { name: "Save settings" }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "the crisis template has 3 tasks" })).toBeVisible();
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a registered account is chosen with a plain radio button", async ({ page }) => {
    await signIn(page, people.parksOfficer);
    await page.goto("/report/mistaken-post");
    await page.getByRole("radio", { name: "@EastbridgeParks (X (Twitter))" }).check();
    await page.getByLabel("When was it posted?").fill(recentLocalTime());
    await page.getByLabel("What was posted, and what went wrong?").fill("Posted the park run route from last year.");
    await page.getByRole("button", { name: "Send report" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Post made by mistake on @EastbridgeParks" })).toBeVisible();
  });
});
