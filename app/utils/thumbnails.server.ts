import { randomUUID } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import sharp from "sharp";
import { thumbnailPathFor } from "../../db/evidence-folder";

/** The longest side of a thumbnail, in pixels. */
export const THUMBNAIL_MAX_SIDE = 320;

/** The media types a thumbnail is made for: pictures, not PDFs. */
const THUMBNAIL_SOURCE_TYPES: ReadonlySet<string> = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);

// Each evidence file is read once, so libvips's cache would only hold pixels in memory and keep
// files open (even ones since deleted).
sharp.cache(false);

export function canHaveThumbnail(mediaType: string): boolean {
  return THUMBNAIL_SOURCE_TYPES.has(mediaType);
}

/**
 * Writes a WebP thumbnail of a stored picture to `<absolutePath>.thumb.webp` and returns that path,
 * or returns null for a type that has none (a PDF). The picture is turned the way its EXIF
 * orientation says, shrunk to fit 320×320 (never enlarged), and written without any of its
 * metadata: no EXIF (camera, GPS, times), XMP, IPTC or ICC profile goes into the thumbnail.
 * The stored file is only read, never changed. Throws if the picture cannot be decoded.
 */
export async function makeThumbnail(absolutePath: string, mediaType: string): Promise<string | null> {
  if (!canHaveThumbnail(mediaType)) return null;
  const destination = thumbnailPathFor(absolutePath);
  // Written whole under another name first, so the route never serves half a thumbnail.
  const partial = `${destination}.${randomUUID()}.partial`;
  try {
    const bytes = await sharp(absolutePath, {
      autoOrient: true,
      // A screenshot with a few bad bytes still deserves a preview; the original is kept as it is.
      failOn: "error",
      // An animated GIF or WebP is shown by its first frame.
      pages: 1,
    })
      .resize(THUMBNAIL_MAX_SIDE, THUMBNAIL_MAX_SIDE, { fit: "inside", withoutEnlargement: true })
      // No withMetadata/keepExif/keepIccProfile: sharp writes none of the input's metadata.
      .webp({ quality: 80 })
      .timeout({ seconds: 30 })
      .toBuffer();
    await writeFile(partial, bytes, { mode: 0o600, flag: "wx" });
    await rename(partial, destination);
    return destination;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
