import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { evidenceFiles, incidents, people as directory, reportDrafts } from "../../db/schema";
import { E2E_DATA_DIRECTORY } from "../../playwright.config";
import { makePng } from "../helpers/images";
import { expectAccessible, people, recentLocalTime, sameOrigin, signIn, withDatabase } from "./support";

const NOT_A_PICTURE = { name: "notes.png", mimeType: "image/png", buffer: Buffer.from("this is not a picture") };

const continueButton = (page: Page) => page.getByRole("button", { name: "Continue" });
const errorSummary = (page: Page) => page.getByRole("alert").filter({ hasText: "There is a problem" });
const dangerPanel = (page: Page) => page.getByRole("alert").filter({ hasText: "Call 999 now" });

async function expectProblem(page: Page, message: string) {
  await expect(errorSummary(page).getByRole("link", { name: message })).toBeVisible();
}

/** What the server recorded for the report with this reference, read from its database. */
function recorded(reference: string) {
  return withDatabase((database) => {
    const incident = database.select().from(incidents).where(eq(incidents.reference, reference)).get();
    const files = incident ? database.select().from(evidenceFiles).where(eq(evidenceFiles.incidentId, incident.id)).all() : [];
    return { incident, files };
  });
}

function draftOf(name: string) {
  return withDatabase((database) => {
    const person = database.select({ id: directory.id }).from(directory).where(eq(directory.name, name)).get()!;
    return database
      .select()
      .from(reportDrafts)
      .where(and(eq(reportDrafts.personId, person.id), eq(reportDrafts.kind, "staff_abuse")))
      .get();
  });
}

const storedFile = (storagePath: string) => join(E2E_DATA_DIRECTORY, "evidence", storagePath);

async function expectSentTo(page: Page) {
  await expect(page).toHaveURL(/\/incidents\/HF-\d{4}-\d{4}$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

test.describe("reporting abuse you received", () => {
  test("page by page: mistakes are explained and nothing is lost, danger shows 999 at once, screenshots are checked, then it is sent", async ({ page }) => {
    await signIn(page, people.parksOfficer);
    await page.getByRole("link", { name: "Report abuse you received" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Report abuse you received" })).toBeVisible();
    await expect(page.getByText("your line manager and HR and safety are told straight away")).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Start", exact: true }).click();

    // a. Are you in danger now?
    await expect(page.getByRole("heading", { level: 1, name: "Are you in danger now?" })).toBeVisible();
    await continueButton(page).click();
    await expectProblem(page, "Say whether you or anyone else is in danger now");
    await expect(errorSummary(page)).toBeFocused();
    await expectAccessible(page);
    await expect(dangerPanel(page)).toHaveCount(0);
    await page.getByLabel("Yes").check();
    // With JavaScript the 999 route appears as soon as "Yes" is chosen, before Continue.
    await expect(dangerPanel(page)).toBeVisible();
    await expect(dangerPanel(page)).toContainText("come back and finish this report");
    await expect(dangerPanel(page).getByRole("link", { name: "Call 999" })).toHaveAttribute("href", "tel:999");
    await expectAccessible(page);
    await continueButton(page).click();

    // b. What kind of abuse was it? Hate needs the protected characteristic.
    await expect(page.getByRole("heading", { level: 1, name: "What kind of abuse was it?" })).toBeVisible();
    const characteristics = page.getByRole("group", { name: "Which protected characteristic?" });
    await expect(characteristics).toBeHidden();
    await page.getByLabel("Threat of violence").check();
    await page.getByLabel("Hate: abuse because of who someone is").check();
    await expect(characteristics).toBeVisible();
    await expect(characteristics).toContainText("You do not have to belong to the group yourself");
    await page.getByRole("group", { name: "Was it because of your job?" }).getByLabel("Yes").check();
    await continueButton(page).click();
    await expectProblem(page, "Choose what the hate was about");
    await expect(page.getByLabel("Threat of violence")).toBeChecked();
    await expect(page.getByRole("group", { name: "Was it because of your job?" }).getByLabel("Yes")).toBeChecked();
    await expectAccessible(page);
    await characteristics.getByLabel("Race or ethnicity").check();
    await continueButton(page).click();

    // c. Where and when
    await expect(page.getByRole("heading", { level: 1, name: "Where and when did it happen?" })).toBeVisible();
    await page.getByLabel("Where did it happen?").selectOption("Facebook");
    await page.getByLabel("Link to it (optional)").fill("facebook dot com");
    await page.getByLabel("When did it happen?").fill(recentLocalTime(-120));
    await page.getByLabel("Who did it? (optional)").fill("@angry_resident");
    await continueButton(page).click();
    await expectProblem(page, "Enter the link as a full web address, starting with https://");
    await expectProblem(page, "The time it happened must be in the past");
    await expect(page.getByLabel("Where did it happen?")).toHaveValue("Facebook");
    await expect(page.getByLabel("Who did it? (optional)")).toHaveValue("@angry_resident");
    await expectAccessible(page);
    await page.getByLabel("Link to it (optional)").fill("https://facebook.example/posts/123");
    await page.getByLabel("When did it happen?").fill(recentLocalTime(30));
    await continueButton(page).click();

    // d. Tell us what happened
    await expect(page.getByRole("heading", { level: 1, name: "Tell us what happened" })).toBeVisible();
    await page.getByLabel("What happened?").fill("They said they would wait for me after the park consultation.");
    await continueButton(page).click();
    await expectProblem(page, "Tell us how it is affecting you");
    await expect(page.getByLabel("What happened?")).toHaveValue("They said they would wait for me after the park consultation.");
    await expectAccessible(page);
    await page.getByLabel("How is it affecting you?").fill("I do not feel safe walking to my car.");
    await continueButton(page).click();

    // e. Screenshots: one good, one a text file renamed.
    await expect(page.getByRole("heading", { level: 1, name: "Screenshots" })).toBeVisible();
    await expect(page.getByText("the date and time")).toBeVisible();
    await continueButton(page).click();
    await expectProblem(page, "Add a screenshot, or choose “I cannot take a screenshot” and say why");
    await expectAccessible(page);
    const screenshot = makePng(64, 48);
    const sha256 = createHash("sha256").update(screenshot).digest("hex");
    await page.getByLabel("Add screenshots").setInputFiles([{ name: "threat.png", mimeType: "image/png", buffer: screenshot }, NOT_A_PICTURE]);
    await page.getByRole("button", { name: "Upload" }).click();
    await expectProblem(page, "“notes.png” is not a picture or PDF. Upload a screenshot saved as PNG, JPEG, WebP or GIF, or a PDF.");
    const added = page.getByRole("region", { name: "Screenshots added" });
    await expect(added).toContainText("threat.png");
    await expect(added).toContainText(sha256.slice(0, 12));
    await expect(added).not.toContainText("notes.png");
    await expectAccessible(page);
    await continueButton(page).click();

    // f. Check your answers, change one, send.
    await expect(page.getByRole("heading", { level: 1, name: "Check your answers before sending your report" })).toBeVisible();
    const answers = page.locator("dl");
    for (const text of ["Threat of violence", "Race or ethnicity", "Facebook", "https://facebook.example/posts/123", "@angry_resident", "threat.png"]) {
      await expect(answers).toContainText(text);
    }
    await expectAccessible(page);
    await page.getByRole("link", { name: "Change who did it" }).click();
    await expect(page.getByLabel("Who did it? (optional)")).toHaveValue("@angry_resident");
    await page.getByLabel("Who did it? (optional)").fill("@angry_resident2");
    await continueButton(page).click();
    await expect(page.getByRole("heading", { level: 1, name: "Check your answers before sending your report" })).toBeVisible();
    await expect(answers).toContainText("@angry_resident2");

    await page.getByRole("button", { name: "Send report" }).click();
    const reference = await expectSentTo(page);
    await expect(page.getByRole("status").filter({ hasText: "has been sent" })).toHaveText(
      `Your report ${reference} has been sent. Your line manager, Liam Turner, and HR and safety have been told.`,
    );
    await expectAccessible(page);
    const { incident, files } = recorded(reference);
    expect(incident?.kind).toBe("staff_abuse");
    const report = (incident?.snapshot as { context: { report: Record<string, unknown> } }).context.report;
    expect(report).toMatchObject({
      inDanger: true,
      platform: "Facebook",
      perpetrator: "@angry_resident2",
      kinds: ["threat", "hate"],
      protectedCharacteristics: ["race"],
      connectedToRole: "yes",
      noScreenshotReason: null,
    });
    expect(files.map((file) => [file.originalName, file.sha256])).toEqual([["threat.png", sha256]]);
    expect(existsSync(storedFile(files[0].storagePath))).toBe(true);
    expect(draftOf(people.parksOfficer.name)).toBeUndefined();
  });

  test("the draft is kept: someone who stops can carry on where they left off, or start again", async ({ page }) => {
    await signIn(page, people.libraryAssistant);
    await page.goto("/report");
    await expectAccessible(page);
    await page.getByRole("link", { name: /Abuse you received online because of your job/ }).click();
    await page.getByRole("link", { name: "Start", exact: true }).click();
    await page.getByLabel("No").check();
    await continueButton(page).click();
    await expect(dangerPanel(page)).toHaveCount(0);
    await page.getByLabel("Harassment or bullying").check();
    await page.getByRole("group", { name: "Was it because of your job?" }).getByLabel("Not sure").check();
    await continueButton(page).click();
    await expect(page.getByRole("heading", { level: 1, name: "Where and when did it happen?" })).toBeVisible();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
    await page.goto("/report/abuse");
    await expect(page.getByText(/^Saved /)).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Carry on where you left off" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Where and when did it happen?" })).toBeVisible();
    await page.getByRole("link", { name: "Back" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "What kind of abuse was it?" })).toBeVisible();
    await expect(page.getByLabel("Harassment or bullying")).toBeChecked();
    await expect(page.getByRole("group", { name: "Was it because of your job?" }).getByLabel("Not sure")).toBeChecked();
    await page.getByRole("link", { name: "Back" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Are you in danger now?" })).toBeVisible();
    await expect(page.getByLabel("No", { exact: true })).toBeChecked();

    await page.goto("/report/abuse");
    await page.getByRole("button", { name: "Start again" }).click();
    await expect(page.getByText("Your unfinished report has been deleted.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Start", exact: true })).toBeVisible();
    expect(draftOf(people.libraryAssistant.name)).toBeUndefined();
  });
});

test.describe("reporting abuse with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("every page, the upload and the 999 route work from the server alone; a skipped page is asked for before sending", async ({ page }) => {
    await signIn(page, people.hubOfficer);
    await page.goto("/report");
    await page.getByRole("link", { name: /Abuse you received online because of your job/ }).click();
    await page.getByRole("link", { name: "Start", exact: true }).click();
    await page.getByLabel("Yes").check();
    await continueButton(page).click();
    // The 999 route could not appear as "Yes" was chosen, so it heads the next page.
    await expect(dangerPanel(page)).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "What kind of abuse was it?" })).toBeVisible();
    // axe needs JavaScript to run; the same pages are checked with JavaScript on above.

    // Skip the kind and the where-and-when pages by typing an address.
    await page.goto("/report/abuse/what-happened");
    await continueButton(page).click();
    await expectProblem(page, "Tell us what happened");
    await page.getByLabel("What happened?").fill("A stranger keeps messaging me about the community hub closing.");
    await page.getByLabel("How is it affecting you?").fill("I am anxious opening my messages.");
    await continueButton(page).click();

    // Upload two, one refused with its message; remove one: its file goes too.
    await expect(page.getByRole("heading", { level: 1, name: "Screenshots" })).toBeVisible();
    await page.getByLabel("Add screenshots").setInputFiles([
      { name: "message-1.png", mimeType: "image/png", buffer: makePng(40, 30) },
      { name: "message-2.png", mimeType: "image/png", buffer: makePng(30, 40) },
      NOT_A_PICTURE,
    ]);
    await page.getByRole("button", { name: "Upload" }).click();
    await expectProblem(page, "“notes.png” is not a picture or PDF. Upload a screenshot saved as PNG, JPEG, WebP or GIF, or a PDF.");
    const added = page.getByRole("region", { name: "Screenshots added" });
    await expect(added).toContainText("message-1.png");
    await expect(added).toContainText("message-2.png");
    const second = (draftOf(people.hubOfficer.name)?.data.screenshots as { originalName: string; storagePath: string }[]).find(
      (file) => file.originalName === "message-2.png",
    )!;
    expect(existsSync(storedFile(second.storagePath))).toBe(true);
    await page.getByRole("button", { name: "Remove message-2.png" }).click();
    await expect(page.getByText("Removed “message-2.png”.")).toBeVisible();
    await expect(added).not.toContainText("message-2.png");
    expect(existsSync(storedFile(second.storagePath))).toBe(false);
    await continueButton(page).click();

    // The skipped pages are asked for, one at a time, with what is missing.
    await expect(page.getByRole("heading", { level: 1, name: "What kind of abuse was it?" })).toBeVisible();
    await expectProblem(page, "Choose what kind of abuse it was");
    // Sending straight away (with the key the page would carry) is refused the same way.
    const send = await page.request.post("/report/abuse/check", {
      form: { submissionKey: randomUUID() },
      maxRedirects: 0,
      headers: sameOrigin(page),
    });
    expect(send.status()).toBe(302);
    expect(send.headers()["location"]).toBe("/report/abuse/kind?return=check&missing");
    await page.getByLabel("Harassment or bullying").check();
    await page.getByLabel("Hate: abuse because of who someone is").check();
    await page.getByLabel("Disability").check();
    await page.getByRole("group", { name: "Was it because of your job?" }).getByLabel("Not sure").check();
    await continueButton(page).click();

    await expect(page.getByRole("heading", { level: 1, name: "Where and when did it happen?" })).toBeVisible();
    await expectProblem(page, "Choose where it happened");
    await page.getByLabel("Where did it happen?").selectOption("WhatsApp");
    await page.getByLabel("When did it happen?").fill(recentLocalTime(90));
    await continueButton(page).click();

    await expect(page.getByRole("heading", { level: 1, name: "Check your answers before sending your report" })).toBeVisible();
    await expect(page.locator("dl")).toContainText("Disability");
    await page.getByRole("button", { name: "Send report" }).click();
    const reference = await expectSentTo(page);
    // Ben Carter's line manager, Helen Ward, is on leave: the confirmation says who was told instead.
    await expect(page.getByRole("status").filter({ hasText: "has been sent" })).toContainText(
      "Helen Ward is away today, so Marcus Bell has been told instead, and HR and safety have been told.",
    );
    const { incident, files } = recorded(reference);
    expect(incident?.kind).toBe("staff_abuse");
    expect(files.map((file) => file.originalName)).toEqual(["message-1.png"]);
    expect(draftOf(people.hubOfficer.name)).toBeUndefined();
  });
});

test.describe("reporting abuse on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test("the chooser, the start page and the questions fit a 375px screen", async ({ page }) => {
    await signIn(page, people.director);
    for (const path of ["/report", "/report/abuse", "/report/abuse/danger", "/report/abuse/kind", "/report/abuse/screenshots"]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});
