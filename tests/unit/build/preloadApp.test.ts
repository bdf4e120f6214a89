import { describe, expect, it } from 'vitest';
import { chunksToPreload } from '../../../build/preloadApp';

type Bundle = Parameters<typeof chunksToPreload>[0];
type Chunk = Parameters<typeof chunksToPreload>[1];

const chunk = (fileName: string, imports: string[] = [], dynamicImports: string[] = []) =>
  ({ type: 'chunk', fileName, imports, dynamicImports }) as unknown as Chunk;

describe('which chunks index.html preloads besides the entry', () => {
  it('names the app the entry imports dynamically and every chunk the app imports, once, not the entry or its own imports', () => {
    const entry = chunk('assets/index.js', ['assets/shared.js'], ['assets/startApp.js']);
    const bundle = Object.fromEntries(
      [
        entry,
        chunk('assets/shared.js'),
        chunk('assets/startApp.js', ['assets/index.js', 'assets/vendor.js', 'assets/shared.js'], ['assets/export.js']),
        chunk('assets/vendor.js', ['assets/shared.js']),
        chunk('assets/export.js', ['assets/vendor.js']),
      ].map((c) => [c.fileName, c]),
    ) as unknown as Bundle;
    // The app's own lazy parts (the export) stay lazy.
    expect(chunksToPreload(bundle, entry).map((c) => c.fileName)).toEqual(['assets/startApp.js', 'assets/vendor.js']);
  });
});
