import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { makePng } from "../helpers/images";
import { expectAccessible, expectMail, people, recentLocalTime, signIn, signOut } from "./support";

/**
 * The whole Haringey 4.2.5 procedure, run by the three kinds of people it names: the member of
 * staff who made the post, their line manager, and the Communications team (two officers, so
 * one can check the other's tone).
 */

const secondCommunications = { name: "Sam Patel", email: "sam.patel@eastbridge.gov.uk" };
const seniorLeaders = ["dan.okafor@eastbridge.gov.uk", "priya.shah@eastbridge.gov.uk", "ruth.adeyemi@eastbridge.gov.uk"];
const leader = "tom.reilly@eastbridge.gov.uk";

/** Where the incident stands, in the one line the page shows before the full list of steps. */
async function currentStep(page: Page) {
  return page.locator("summary").filter({ hasText: /^(Step \d+ of \d+: |Finished)/ });
}

async function expectNotice(page: Page, text: string | RegExp) {
  await expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();
}

test("a mistaken post goes through all seven steps, with the schedule paused and reviewed", async ({ page }) => {
  test.setTimeout(480_000);

  // 1. The member of staff reports it.
  await signIn(page, people.libraryAssistant);
  await page.getByRole("link", { name: "Report a post made by mistake" }).click();
  await page.getByRole("radio", { name: "@EastbridgeLibraries (Facebook)" }).check();
  await page.getByLabel("When was it posted?").fill(recentLocalTime(20));
  await page.getByLabel("What was posted, and what went wrong?").fill("Posted that Central Library is closing for good. It is only closed on Monday.");
  await page.getByRole("button", { name: "Send report" }).click();
  const reference = (await page.getByText(/^Mistaken post · HF-\d{4}-\d{4}$/).textContent())!.split(" · ")[1];
  const incidentUrl = `/incidents/${reference}`;
  await signOut(page);

  // The line manager acknowledges.
  await signIn(page, people.librariesManager);
  await page.goto(incidentUrl);
  await page.getByRole("button", { name: "Acknowledge" }).click();
  await expect(await currentStep(page)).toContainText("Delete the post if possible");
  await signOut(page);

  // 2. The member of staff keeps a screenshot, then records the deletion.
  await signIn(page, people.libraryAssistant);
  await page.goto(incidentUrl);
  await expectAccessible(page);
  // The screenshot first: the deletion is not offered until one is kept.
  await expect(page.getByRole("button", { name: "Record deletion" })).toHaveCount(0);
  await page.getByLabel("Screenshot of the post", { exact: true }).setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("this is not a picture") });
  await page.getByRole("button", { name: "Upload" }).click();
  // Refused: told in the summary at the top of the upload, linking to it, and by the field, in the same words.
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" }).getByRole("link", { name: "“notes.png” is not a picture or PDF" })).toHaveAttribute("href", "#evidence-file");
  await expect(page.locator("#evidence-file-error")).toContainText("“notes.png” is not a picture or PDF");
  await expect(page.getByText("That was not done")).toHaveCount(0);
  await expectAccessible(page);

  const screenshot = makePng(64, 48);
  await page.getByLabel("Screenshot of the post", { exact: true }).setInputFiles({ name: "post.png", mimeType: "image/png", buffer: screenshot });
  await page.getByRole("button", { name: "Upload" }).click();
  await expectNotice(page, "Screenshot added to the record.");
  const evidence = page.getByRole("region", { name: "Evidence" });
  await expect(evidence.getByRole("link", { name: "post.png" })).toBeVisible();
  await expect(evidence).toContainText(createHash("sha256").update(screenshot).digest("hex"));

  // "Now" is already there; the member of staff says it was a little earlier.
  await expect(page.getByLabel("When was it deleted?")).not.toHaveValue("");
  await page.getByLabel("When was it deleted?").fill(recentLocalTime(2));
  await page.getByRole("button", { name: "Record deletion" }).click();
  await expectNotice(page, "Recorded that the post was deleted");
  await expect(await currentStep(page)).toContainText("Assess the reputational risk");
  await signOut(page);

  // 3. Communications assess the risk; the severity calls for senior leaders to be told.
  await signIn(page, people.communications);
  await page.goto(incidentUrl);
  await page.getByRole("button", { name: "Save the assessment" }).click();
  const summary = page.getByRole("alert");
  await expect(summary.getByRole("link", { name: "Choose how likely it is to spread" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Give the reasons for the decision" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("group", { name: "How likely is it to spread?" }).getByLabel("4: Likely").check();
  await page.getByRole("group", { name: "How much harm could it do?" }).getByLabel("4: Serious: trust damaged").check();
  await page.getByRole("group", { name: "How far could it reach?" }).getByLabel("3: Local community beyond our followers").check();
  await page.getByLabel("Journalists are already asking").check();
  await expect(page.getByText("Severity from these answers: Critical")).toBeVisible();
  await page.getByLabel("Respond as the organisation").check();
  await page.getByLabel("Why?").fill("Library users are sharing it and the local paper has asked.");
  await page.getByRole("group", { name: "Is a crisis communication plan needed?" }).getByLabel("Yes").check();
  await page.getByRole("button", { name: "Save the assessment" }).click();
  await expectNotice(page, "The risk assessment is saved.");
  for (const address of seniorLeaders) await expectMail(address, new RegExp(`^${reference}:`));

  // 4. The crisis plan stops the scheduled posts of the libraries account.
  await expect(await currentStep(page)).toContainText("Make a crisis communication plan");
  await expectAccessible(page);
  await page.getByLabel("Holding statement").fill("We posted incorrect information about Central Library. It is open as usual except on Monday.");
  await page.getByRole("button", { name: "Put the plan in force" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "Name the spokesperson" })).toBeVisible();
  await expect(page.getByLabel("Holding statement")).toHaveValue(/incorrect information about Central Library/);
  await expectAccessible(page);
  await page.getByLabel("Spokesperson").fill("Dan Okafor");
  await page.getByLabel("Audiences and stakeholders").fill("Library users, ward councillors, the local paper");
  await page.getByLabel("@EastbridgeLibraries (Facebook)").check();
  await page.getByLabel("When will the plan be reviewed?").fill(recentLocalTime(-120));
  await page.getByLabel("Task 1", { exact: true }).fill("Brief the library staff");
  await page.getByLabel("Owner of task 1").selectOption({ label: "Sam Patel, Digital Communications Officer" });
  await page.getByLabel("Task 1 due").fill(recentLocalTime(-60));
  await page.getByRole("button", { name: "Put the plan in force" }).click();
  await expectNotice(page, "scheduled posts on the chosen channels have stopped");
  await expectMail(secondCommunications.email, new RegExp(`^${reference}: crisis plan in force`));
  await expectAccessible(page);
  const checklist = page.getByRole("region", { name: "Crisis checklist" });
  await expect(checklist).toContainText("Brief the library staff");
  await expect(checklist).toContainText("Not started");

  await page.goto("/channels");
  await expect(page.getByRole("row", { name: /@EastbridgeLibraries/ })).toContainText(reference);
  await expectAccessible(page);
  await page.goto(incidentUrl);

  // 5. The Leader is made aware.
  await page.getByLabel("What the Leader needs to know").fill("The local paper has asked about a wrong library closure post. Corrected within the hour.");
  await page.getByRole("button", { name: "Email the Leader" }).click();
  await expectNotice(page, "The Leader has been emailed.");
  await expectAccessible(page);
  await expectMail(leader, new RegExp(`^${reference}:`));

  // 6. The response is drafted and checked, but cannot go until a second officer signs off the tone.
  await expect(await currentStep(page)).toContainText("Respond as the organisation");
  await page.getByLabel("The response").fill("Sorry: an earlier post said Central Library is closing. That was wrong. It is closed on Monday only.");
  await page.getByRole("button", { name: "Save the draft" }).click();
  await page.getByRole("button", { name: "Confirm the checks" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "Confirm the sources are cited" })).toBeVisible();
  for (const check of ["open about our connection", "Sources are cited", "We have not rushed", "stays focused"]) {
    await page.getByRole("group", { name: new RegExp(check) }).getByLabel("Confirmed").check();
  }
  await page.getByRole("button", { name: "Confirm the checks" }).click();
  await expect(page.getByText("A second member of Communications needs to check the tone and sign it off.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark as sent" })).toHaveCount(0);
  await expectAccessible(page);
  await signOut(page);

  await signIn(page, secondCommunications);
  await page.goto(incidentUrl);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign off the tone" }).click();
  await expectNotice(page, "You have signed off the tone.");
  await page.getByLabel("Where was it posted?").fill("Reply under the original post on @EastbridgeLibraries");
  await page.getByRole("button", { name: "Mark as sent" }).click();
  await expectNotice(page, "Recorded that the response was sent.");
  // The task owner marks the task done.
  // The status starts at the task's own ("Not started"), so a stray Update changes nothing.
  await expect(page.getByLabel("Status of “Brief the library staff”")).toHaveValue("not_started");
  await page.getByLabel("Status of “Brief the library staff”").selectOption("done");
  await page.getByRole("button", { name: "Update “Brief the library staff”" }).click();
  await expect(page.getByRole("region", { name: "Crisis checklist" })).toContainText("Done");
  await signOut(page);

  // 7. Stand down, review each held post, resume the schedule, close with a review.
  await signIn(page, people.communications);
  await page.goto(incidentUrl);
  await page.getByLabel("Why it can be stood down").fill("The correction has been shared widely and the paper has the facts.");
  await page.getByRole("button", { name: "Stand down" }).click();
  await expect(await currentStep(page)).toContainText("Review the held posts");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Resume the schedule" }).click();
  await expect(page.getByRole("alert")).toContainText("still need");
  const held = page.getByRole("region", { name: /Held posts to review/ });
  // Each post's own decision is named after it: its opening words and its time.
  while ((await held.getByRole("button", { name: /^Save decision on “/ }).count()) > 0) {
    await held.getByRole("group", { name: /^What happens to the post “/ }).first().getByLabel("Release it as it is").check();
    await held.getByRole("button", { name: /^Save decision on “/ }).first().click();
    await expectNotice(page, "Post reviewed.");
  }
  await page.getByRole("button", { name: "Resume the schedule" }).click();
  await expectNotice(page, "The schedule is running again.");

  await page.getByRole("button", { name: "Close the incident" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "Say what we learned" })).toBeVisible();
  await page.getByLabel("What happened").fill("A draft closure notice went out on the wrong account.");
  await page.getByLabel("What we learned").fill("Check the library name against the rota before posting.");
  await page.getByLabel("Action 1", { exact: true }).fill("Add a check step to the library posting guide");
  await page.getByLabel("Owner of action 1").fill("Owen Price");
  await page.getByRole("button", { name: "Close the incident" }).click();
  await expectNotice(page, "The incident is closed.");
  await expect(await currentStep(page)).toContainText("Finished");
  const timeline = page.getByRole("region", { name: "Timeline" });
  for (const entry of ["Screenshot attached", "Post deleted", "Reputational risk assessed", "Crisis plan made", "Leader made aware", "Tone signed off by Sam Patel", "Held post reviewed", "Scheduled posts resumed", "Closed with a review"]) {
    await expect(timeline.getByText(entry).first()).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "Closing review" })).toContainText("Add a check step to the library posting guide");
  await expectAccessible(page);
  await expectMail(people.libraryAssistant.email, new RegExp(`^${reference}: .*closed`, "i"));
});
