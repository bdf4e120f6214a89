// A chosen picture file made into a persona photo: drawn at most 256 px a side on a white
// ground and encoded as WebP (JPEG where the browser cannot), stepping quality and then size
// down until it fits 100 KB (src/domain/photo.ts). The result always passes checkPhoto.
import { checkPhoto } from '../domain/fields';
import { fitsPhotoLimit, photoAttempts } from '../domain/photo';

export class UnreadablePicture extends Error {
  constructor() {
    super('the file is not a picture this browser can read');
    this.name = 'UnreadablePicture';
  }
}

function encode(canvas: HTMLCanvasElement, quality: number): string {
  const webp = canvas.toDataURL('image/webp', quality);
  // A browser without a WebP encoder answers with a PNG: too big for a photo, so JPEG instead.
  return webp.startsWith('data:image/webp') ? webp : canvas.toDataURL('image/jpeg', quality);
}

export async function photoFromFile(file: Blob): Promise<string> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new UnreadablePicture();
  }
  try {
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new UnreadablePicture();
    for (const { size, quality } of photoAttempts({ width: bitmap.width, height: bitmap.height })) {
      if (size.width === 0) break;
      canvas.width = size.width;
      canvas.height = size.height;
      // Transparent parts would turn black in JPEG.
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, size.width, size.height);
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(bitmap, 0, 0, size.width, size.height);
      const url = encode(canvas, quality);
      if (fitsPhotoLimit(url) && checkPhoto(url).ok) return url;
    }
    throw new UnreadablePicture();
  } finally {
    bitmap.close();
  }
}
