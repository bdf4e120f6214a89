// Reading an exported PNG in a test: the download, its size from the header, and what is drawn
// in given regions (decoded by the browser itself).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Download, Page } from 'playwright-core';

/** Clicks a menu item and returns the download it starts. */
export async function downloadFrom(page: Page, menu: string, item: string): Promise<Download> {
  await page.getByTestId(menu).click();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(item).click()]);
  return download;
}

export const readDownload = async (download: Download) => readFileSync((await download.path())!);

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian), after checking the signature. */
export function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Decodes the PNG in the page and measures regions: share of non-white pixels, dark pixels, the reddest pixel. */
export async function measurePng(page: Page, png: Buffer, regions: Record<string, Rect>) {
  return page.evaluate(
    async ({ base64, regions }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const all = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let nonWhite = 0;
      for (let i = 0; i < all.length; i += 4 * 7) if (all[i]! < 245 || all[i + 1]! < 245 || all[i + 2]! < 245) nonWhite++;
      const out: Record<string, { dark: number; red: number }> = {};
      for (const [name, r] of Object.entries(regions)) {
        const data = ctx.getImageData(r.x, r.y, r.width, r.height).data;
        let dark = 0;
        let red = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [rr, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
          if (rr + g + b < 3 * 140) dark++;
          if (rr > 200 && g < 110 && b < 110) red++;
        }
        out[name] = { dark, red };
      }
      return { nonWhiteShare: nonWhite / (all.length / (4 * 7)), regions: out };
    },
    { base64: png.toString('base64'), regions },
  );
}
