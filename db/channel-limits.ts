/**
 * The longest post the queue takes: checked by channels.ts when a post is stored, and by the form
 * before it is sent. Kept apart from channels.ts because the form runs in the browser too, and
 * importing channels.ts there would bring the database schema and drizzle with it.
 */
export const POST_BODY_MAX_LENGTH = 5000;
