import * as build from "@remix-run/dev/server-build";
import { broadcastDevReady, installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type { Db } from "../db/client";
import { logEvidenceFolderCheck } from "../db/evidence-folder";
import { rewriteOutboxRowsWithContext } from "../db/outbox-data";
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemoOrganisation } from "../db/seed";
import { backfillIncidentAccess, backfillReadModel } from "../db/workflow";
import { seedDemoHistory } from "./demo/history";
import { UPLOAD_ADDRESSES } from "./paths/registry";
import { hashPassword } from "./utils/auth.server";
import { db } from "./utils/db.server";
import { env, EnvironmentError } from "./utils/env.server";
import { evidenceDirectory } from "./utils/evidence.server";
import { holdfastRequestHandler } from "./utils/request-handler.server";
import { contentSecurityPolicy, cspNonce } from "./utils/security-headers.server";
import { startWorkers } from "./workers/index.server";
import { createMailer } from "./workers/outbox.server";
import { shutDownOnSignals } from "./workers/shutdown.server";

/**
 * The Holdfast server: checks the environment, brings the database up to date, seeds the demo
 * organisation (and, unless DEMO_HISTORY=off, its history) into an empty database, starts the
 * outbox and deadline workers, and serves the app. Compiled with the app into build/index.js by
 * the Remix compiler (remix.config.js).
 */

installGlobals();

async function main() {
  let config;
  try {
    config = env();
  } catch (error) {
    if (error instanceof EnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const database = db();
  const backfilled = backfillIncidentAccess(database);
  if (backfilled > 0) console.log(`Recorded who may read ${backfilled} incidents stored before incident_access existed.`);
  const rewritten = rewriteOutboxRowsWithContext(database);
  if (rewritten > 0) console.log(`Rewrote ${rewritten} outbox emails queued before the email contracts to carry only what they show (any its contract could not take are marked failed, with the reason).`);
  const projected = backfillReadModel(database);
  if (projected > 0) console.log(`Wrote the read model of ${projected} incidents stored before it existed.`);
  if (isDatabaseEmpty(database)) {
    const now = new Date();
    seedDemoOrganisation(database, { passwordHash: await hashPassword(DEMO_PASSWORD), now });
    console.log("Empty database: added the demo organisation (see the README for the logins).");
    if (config.DEMO_HISTORY === "on") await addDemoHistory(database, now, config.dataDirectory);
  }
  // Before anything is served or uploaded: files named by the database but not stored, and the reverse.
  await logEvidenceFolderCheck(database, evidenceDirectory(config.dataDirectory));

  const mailer = createMailer({ smtpUrl: config.SMTP_URL, sinkDirectory: config.mailSinkDirectory });
  const workers = startWorkers({
    db: database,
    mailer,
    from: config.MAIL_FROM,
    appUrl: config.appUrl,
    intervalMs: config.WORKER_INTERVAL_MS,
  });
  if (!config.SMTP_URL) {
    console.log(`SMTP_URL is not set: emails are written to ${config.mailSinkDirectory} and shown to admins in the app.`);
  }

  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  app.set("trust proxy", config.TRUST_PROXY);
  app.use((_request, response, next) => {
    const nonce = cspNonce();
    response.locals.cspNonce = nonce;
    response.set({
      "Content-Security-Policy": contentSecurityPolicy(nonce, { development: build.mode === "development" }),
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "same-origin",
    });
    next();
  });
  // Fingerprinted build assets can be cached for ever; everything else in public/ for an hour.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all("*", holdfastRequestHandler({ build, mode: build.mode, appOrigin: new URL(config.appUrl).origin, uploadAddresses: UPLOAD_ADDRESSES }));

  const server = app.listen(config.PORT, () => {
    console.log(`Holdfast is ready on http://localhost:${config.PORT}`);
    // Under `npm run dev`, tell the Remix dev server the rebuilt app is up.
    if (build.mode === "development") void broadcastDevReady(build);
  });

  shutDownOnSignals({ server, workers, mailer, database });
}

/**
 * The demo organisation's past incidents (DEMO_HISTORY, on by default), made through the workflow
 * with their emails marked as never sent. If it cannot be made, the demo starts without it.
 */
async function addDemoHistory(database: Db, now: Date, dataDirectory: string) {
  try {
    const history = await seedDemoHistory(database, { now, evidenceDirectory: evidenceDirectory(dataDirectory) });
    console.log(
      `Added the demo history: ${history.incidents} past incidents, ${history.open} still open. ` +
        `Its ${history.emailsNotSent} emails are marked "not sent (demo history)" and are never sent. Set DEMO_HISTORY=off to start without it.`,
    );
  } catch (error) {
    console.error("Could not add the demo history, so the demo starts without it:", error);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
