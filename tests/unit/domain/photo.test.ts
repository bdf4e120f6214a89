// The persona photo: what the one check lets into a map (edits, files, peers through the
// server's field limits) and the sizes the browser tries when it downscales a chosen picture.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setPersona } from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { checkPhoto } from '../../../src/domain/fields';
import { exportMapJson, parseMapJson } from '../../../src/domain/format';
import { PHOTO_MAX_BYTES, PHOTO_MAX_CHARS, PHOTO_MAX_SIDE } from '../../../src/domain/limits';
import { dataUrlBytes, fitWithin, fitsPhotoLimit, photoAttempts } from '../../../src/domain/photo';
import { findOversizedField } from '../../../server/fieldLimits';
import { expectRefused } from '../../fixtures/docAssertions';
import { makeMapDoc } from '../../fixtures/factories';
import { looseFile } from '../format/sampleMap';

/** A base64 data URL of `bytes` bytes whose first bytes are the format's own signature. */
function photoOf(type: 'png' | 'jpeg' | 'webp', bytes: number): string {
  const signature = { png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], jpeg: [0xff, 0xd8, 0xff, 0xe0], webp: [...'RIFF'].map((c) => c.charCodeAt(0)) }[type];
  const body = new Uint8Array(bytes).fill(7);
  body.set(signature);
  return `data:image/${type};base64,${Buffer.from(body).toString('base64')}`;
}

describe('the photo check', () => {
  it('takes no photo, and PNG, JPEG and WebP pictures up to 100 KB', () => {
    expect(checkPhoto('')).toEqual({ ok: true, value: '' });
    for (const type of ['png', 'jpeg', 'webp'] as const) {
      const url = photoOf(type, PHOTO_MAX_BYTES);
      expect(checkPhoto(url)).toEqual({ ok: true, value: url });
    }
    // The longest a photo's text can be is exactly what 100 KB of JPEG takes.
    expect(photoOf('jpeg', PHOTO_MAX_BYTES).length).toBe(PHOTO_MAX_CHARS);
  });

  it('refuses a picture one byte over 100 KB', () => {
    // Base64 comes in groups of three bytes: one byte more fits the same length, so the bytes decide.
    expect(checkPhoto(photoOf('jpeg', PHOTO_MAX_BYTES + 1))).toEqual({ ok: false, problem: { code: 'invalidImage' } });
    expect(checkPhoto(photoOf('png', PHOTO_MAX_BYTES + 1))).toEqual({ ok: false, problem: { code: 'invalidImage' } });
    expect(checkPhoto(photoOf('jpeg', PHOTO_MAX_BYTES + 3))).toEqual({ ok: false, problem: { code: 'tooLong', max: PHOTO_MAX_CHARS } });
  });

  it('refuses links, SVG, other types and a type that does not match the bytes', () => {
    const refused = [
      'https://example.com/anna.jpg',
      'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+',
      'data:image/svg+xml,<svg onload="alert(1)"/>',
      'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
      'data:text/html;base64,PGgxPg==',
      'data:image/png,rawbytes',
      'javascript:alert(1)',
      photoOf('png', 100).replace('image/png', 'image/jpeg'),
      `${photoOf('png', 99)}"><script>`,
      photoOf('webp', 100).slice(0, -1),
    ];
    for (const raw of refused) expect(checkPhoto(raw), raw).toEqual({ ok: false, problem: { code: 'invalidImage' } });
  });

  it('guards an edit: a refused photo changes nothing', () => {
    const { doc } = makeMapDoc();
    const photo = photoOf('webp', 2000);
    setPersona(doc, { photo, quote: 'I just want it to work' });
    expect(readSnapshot(doc).meta.persona).toMatchObject({ photo, quote: 'I just want it to work' });
    expectRefused(doc, () => setPersona(doc, { name: 'Olga', photo: 'https://example.com/olga.png' }), 'persona.photo', 'invalidImage');
    expect(readSnapshot(doc).meta.persona).toMatchObject({ name: '', photo });
  });

  it('refuses a file whose persona photo is not an inline picture, saying where', () => {
    const file = looseFile() as { map: { persona: Record<string, string> } };
    file.map.persona.photo = 'data:image/svg+xml;base64,PHN2Zz4=';
    const result = parseMapJson(JSON.stringify(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({ path: '$.map.persona.photo', code: 'invalidImage', message: expect.stringContaining('PNG, JPEG or WebP') }),
    ]);
  });

  it('keeps a photo and a quote through export and import', () => {
    const file = looseFile() as { map: { persona: Record<string, string> } };
    const photo = photoOf('jpeg', 5000);
    Object.assign(file.map.persona, { photo, quote: '«Мне бы просто спокойно»' });
    const parsed = parseMapJson(JSON.stringify(file));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.value.snapshot.meta.persona).toMatchObject({ photo, quote: '«Мне бы просто спокойно»' });
    const again = JSON.parse(exportMapJson(parsed.value.snapshot, parsed.value.reviews, '2026-01-01T00:00:00.000Z')) as typeof file;
    expect(again.map.persona.photo).toBe(photo);
  });
});

describe("the server's field limit for the photo", () => {
  const update = (photo: string) => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('personaPhoto', photo);
    return Y.decodeUpdate(Y.encodeStateAsUpdate(doc)).structs;
  };
  it('lets a 100 KB photo through and stops one character more', () => {
    expect(findOversizedField(update(photoOf('jpeg', PHOTO_MAX_BYTES)), () => undefined)).toBeNull();
    expect(findOversizedField(update(`${photoOf('jpeg', PHOTO_MAX_BYTES)}A`), () => undefined)).toEqual({
      field: 'meta.personaPhoto',
      length: PHOTO_MAX_CHARS + 1,
      max: PHOTO_MAX_CHARS,
    });
  });
});

describe('downscaling sizes', () => {
  it('fits the longer side into 256 px, keeping the aspect ratio', () => {
    expect(fitWithin({ width: 4000, height: 3000 })).toEqual({ width: PHOTO_MAX_SIDE, height: 192 });
    expect(fitWithin({ width: 1080, height: 1920 })).toEqual({ width: 144, height: PHOTO_MAX_SIDE });
    expect(fitWithin({ width: 5000, height: 10 })).toEqual({ width: 256, height: 1 });
  });

  it('never enlarges a small picture, and gives nothing for an empty one', () => {
    expect(fitWithin({ width: 120, height: 80 })).toEqual({ width: 120, height: 80 });
    expect(fitWithin({ width: 0, height: 80 })).toEqual({ width: 0, height: 0 });
  });

  it('tries lower qualities before smaller sizes, best first', () => {
    const attempts = photoAttempts({ width: 1024, height: 512 });
    expect(attempts[0]).toEqual({ size: { width: 256, height: 128 }, quality: 0.9 });
    expect(attempts[1]).toEqual({ size: { width: 256, height: 128 }, quality: 0.8 });
    const sides = attempts.map((a) => a.size.width);
    expect(sides).toEqual([...sides].sort((a, b) => b - a));
    expect(attempts.at(-1)!.size.width).toBeLessThan(256);
  });

  it('counts the bytes of a data URL as the check does', () => {
    const url = photoOf('png', 12345);
    expect(dataUrlBytes(url)).toBe(12345);
    expect(fitsPhotoLimit(photoOf('jpeg', PHOTO_MAX_BYTES))).toBe(true);
    expect(fitsPhotoLimit(photoOf('jpeg', PHOTO_MAX_BYTES + 1))).toBe(false);
  });
});
