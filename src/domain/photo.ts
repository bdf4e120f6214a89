// The sizing rules of a persona photo, shared by the browser that downscales a chosen file and
// the tests: the picture fits PHOTO_MAX_SIDE, and lossy encodings step down in quality (then in
// size) until the bytes fit PHOTO_MAX_BYTES.
import { base64Bytes } from './fields';
import { PHOTO_MAX_BYTES, PHOTO_MAX_SIDE } from './limits';

export interface PixelSize {
  width: number;
  height: number;
}

/** The size that fits `max` on the longer side, keeping the aspect ratio; never upscaled, never 0. */
export function fitWithin(size: PixelSize, max = PHOTO_MAX_SIDE): PixelSize {
  const { width, height } = size;
  if (!(width > 0) || !(height > 0)) return { width: 0, height: 0 };
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** JPEG/WebP qualities tried in turn; most photos fit at the first. */
export const PHOTO_QUALITIES = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4] as const;
/** Longer sides tried in turn when even the lowest quality is too big (noise, fine patterns). */
export const PHOTO_SIDES = [PHOTO_MAX_SIDE, 192, 128, 96] as const;

/** Every (side, quality) to try, best first. */
export function photoAttempts(original: PixelSize): { size: PixelSize; quality: number }[] {
  const attempts: { size: PixelSize; quality: number }[] = [];
  for (const side of PHOTO_SIDES) {
    const size = fitWithin(original, side);
    for (const quality of PHOTO_QUALITIES) attempts.push({ size, quality });
  }
  return attempts;
}

/** Bytes of the picture inside a base64 `data:` URL. */
export function dataUrlBytes(url: string): number {
  const comma = url.indexOf(',');
  return comma < 0 ? 0 : base64Bytes(url.slice(comma + 1));
}

export const fitsPhotoLimit = (url: string) => dataUrlBytes(url) <= PHOTO_MAX_BYTES;
