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
        possible to be able to use it. You should be able to:
      </p>
      <ul className="mt-3 list-disc space-y-1 pl-6">
        <li>use every page with a keyboard alone, with the focus always visible</li>
        <li>use it with a screen reader (every form field has a label; errors are listed at the top of the page and link to the field)</li>
        <li>zoom the text to 400% without losing content, and use it on a phone</li>
        <li>report an incident and move it on with JavaScript turned off</li>
        <li>read every chart as a table of the same figures</li>
      </ul>

      <h2 className="mt-8 text-xl font-bold">How accessible this service is</h2>
      <p className="mt-3">
        We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. Every page is checked with an
        automated accessibility tool (axe) as part of our tests. We know of these limits:
      </p>
      <ul className="mt-3 list-disc space-y-1 pl-6">
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
