import { createReadStream } from "node:fs";
import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from "fflate";

/**
 * A ZIP built as it is sent, with fflate: each stored file is read in chunks and passed through
 * unchanged (screenshots and PDFs are already compressed), so a pack of many large files never
 * sits in memory. The stream only reads ahead as fast as the client takes it.
 */

export type ZipEntry = { name: string; modified: Date } & ({ absolutePath: string } | { text: string });

export function zipStream(entries: readonly ZipEntry[]): ReadableStream<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else ready.push(chunk);
  });

  function* drain(): Generator<Uint8Array> {
    if (failure) throw failure;
    while (ready.length > 0) yield ready.shift()!;
  }

  async function* generate(): AsyncGenerator<Uint8Array> {
    for (const entry of entries) {
      if ("text" in entry) {
        const file = new ZipDeflate(entry.name, { level: 6 });
        file.mtime = entry.modified;
        zip.add(file);
        file.push(strToU8(entry.text), true);
      } else {
        const file = new ZipPassThrough(entry.name);
        file.mtime = entry.modified;
        zip.add(file);
        for await (const chunk of createReadStream(entry.absolutePath)) {
          file.push(chunk as Buffer);
          yield* drain();
        }
        file.push(new Uint8Array(0), true);
      }
      yield* drain();
    }
    zip.end();
    yield* drain();
  }

  const chunks = generate();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
