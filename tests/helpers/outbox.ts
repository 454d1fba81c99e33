import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import type { TestDatabase } from "./database";

/**
 * Queues `count` emails (at least the four of one report): the emails of one real report of a
 * post made by mistake, written again as more rows, each its own row and so its own Message-ID.
 * Thousands in a second, where as many reports would take much longer.
 */
export function queueEmails(test: TestDatabase, count: number, now: Date) {
  reportMistakenPost(
    test.db,
    test.person("library-assistant"),
    { platform: "X (Twitter)", account: "@EastbridgeCouncil", link: null, postedAt: now.toISOString(), whatHappened: "Wrong bin day posted." },
    now,
  );
  const sqlite = test.db.$client;
  const copyRow = sqlite.prepare(
    `insert into outbox (incident_id, template, recipient, data, status, attempts, next_attempt_at, created_at)
     select incident_id, template, recipient, data, status, attempts, next_attempt_at, created_at from outbox where id = ?`,
  );
  const written = sqlite.prepare<[], { id: number }>("select id from outbox order by id").all();
  sqlite.transaction(() => {
    for (let index = written.length; index < count; index += 1) copyRow.run(written[index % written.length].id);
  })();
}
