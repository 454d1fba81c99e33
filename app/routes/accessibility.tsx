import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

/**
 * The accessibility statement UK public bodies must publish (Public Sector Bodies Accessibility
 * Regulations 2018). A static page with no loader: `npm run bench` also uses it as the bare Remix
 * page that the other pages are measured against.
 */

export const meta: MetaFunction = () => [{ title: "Accessibility statement – Holdfast" }];

export default function AccessibilityStatement() {
  return (
    <article className="max-w-3xl">
      <h1 className="text-3xl font-bold">Accessibility statement for Holdfast</h1>
      <p className="mt-4">
        Holdfast is used by staff of public bodies to report and handle incidents on social media. We want as many people as
        possible to be able to use it. It is built so that you can:
      </p>
      <ul className="mt-3 list-disc space-y-1 pl-6">
        <li>use it on a phone, or with the page zoomed to 400%, without scrolling sideways: tables become a card for each row</li>
        <li>use every page with a keyboard alone, with the focus always visible</li>
        <li>use it with a screen reader: every form field has a label, and errors are listed at the top of the page with a link to the field</li>
        <li>send a report and move an incident on with JavaScript turned off</li>
        <li>read the figures of every chart in a table under it</li>
      </ul>

      <h2 className="mt-8 text-xl font-bold">How accessible this service is</h2>
      <p className="mt-3">
        We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. We have not had Holdfast audited
        by an accessibility specialist, so we do not claim that it fully meets them.
      </p>

      <h2 className="mt-8 text-xl font-bold">How we test it</h2>
      <p className="mt-3">Our automated browser tests, run on every change:</p>
      <ul className="mt-3 list-disc space-y-1 pl-6">
        <li>
          open every page, as the people who use it, 320 and 390 pixels wide (a phone, and 400% zoom of a 1280 pixel window),
          and fail if any page is wider than the window
        </li>
        <li>open the dashboard 640 pixels wide (200% zoom of a 1280 pixel window) and check the same</li>
        <li>check every page, and each state of a form we test, with an automated tool (axe) against the WCAG 2.2 A and AA rules it can test</li>
        <li>send reports, filter the list of incidents and read an incident with JavaScript turned off</li>
      </ul>
      <p className="mt-3">
        An automated tool finds only some problems. We have not tested Holdfast with screen readers (such as JAWS, NVDA or
        VoiceOver), with speech recognition, or with disabled people using it, and no test checks keyboard use or text
        spacing.
      </p>

      <h2 className="mt-8 text-xl font-bold">What we know is not accessible</h2>
      <ul className="mt-3 list-disc space-y-1 pl-6">
        <li>
          On a phone the charts of the dashboard are drawn small, and their text can be hard to read. The same figures are in
          the table under each chart.
        </li>
        <li>
          Date and time fields are the browser&apos;s own: in some browsers they take several presses of the Tab key to pass.
        </li>
        <li>
          The evidence pack PDF uses standard fonts that cannot show some non-Latin characters in file names. The ZIP of the
          original files keeps the exact names.
        </li>
        <li>Screenshots kept as evidence are images of posts on other websites; they have no text alternative beyond their file name.</li>
      </ul>

      <h2 className="mt-8 text-xl font-bold">Reporting problems with this service</h2>
      <p className="mt-3">
        If you find a problem that is not listed here, or need information in a different format, tell your organisation's
        Holdfast administrator. They can raise it with us. If you are reporting abuse and cannot use the form, tell your line
        manager or HR and safety directly: you do not have to use Holdfast.
      </p>

      <h2 className="mt-8 text-xl font-bold">Enforcement procedure</h2>
      <p className="mt-3">
        The Equality and Human Rights Commission is responsible for enforcing the Public Sector Bodies (Websites and Mobile
        Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how your complaint is handled, contact
        the Equality Advisory and Support Service (EASS).
      </p>

      <p className="mt-8">
        <Link to="/">Back to Holdfast</Link>
      </p>
    </article>
  );
}
