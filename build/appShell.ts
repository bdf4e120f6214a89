// A small Vite plugin for the offline app shell: after the build is written it lists every
// file of it (source maps aside), versions the set by the files' contents and the doc layout
// version, and writes dist/sw.js (build/serviceWorker.js with that list filled in) and the web
// app manifest, named in English and Russian from the locale files. We did not use
// vite-plugin-pwa: its Workbox build step pulls Babel, Rollup and ~150 packages in to produce
// what this 70-line worker does (see docs/ARCHITECTURE.md, "Offline app shell").
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { LAYOUT_VERSION } from '../src/doc/migrations';
import { en } from '../src/locales/en';
import { ru } from '../src/locales/ru';

const WORKER_SOURCE = path.join(import.meta.dirname, 'serviceWorker.js');
export const SERVICE_WORKER_FILE = 'sw.js';
export const MANIFEST_FILE = 'manifest.webmanifest';

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

function manifest(): string {
  const theme = '#4f46e5';
  return JSON.stringify(
    {
      name: en.app.shell.name,
      short_name: en.app.brand,
      description: en.app.shell.description,
      lang: 'en',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: theme,
      icons: [
        { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
      ],
      // Localized names for browsers that read manifest `translations`; others keep the English ones.
      translations: { ru: { name: ru.app.shell.name, short_name: ru.app.brand, description: ru.app.shell.description } },
    },
    null,
    2,
  );
}

export function appShell(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'cjm-app-shell',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    writeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        const outDir = path.resolve(config.root, config.build.outDir);
        fs.writeFileSync(path.join(outDir, MANIFEST_FILE), manifest());
        const files = filesUnder(outDir).filter((file) => !file.endsWith('.map') && file !== SERVICE_WORKER_FILE);
        const hash = createHash('sha256').update(`layout ${LAYOUT_VERSION}\n`);
        for (const file of files) hash.update(`${file}\n`).update(fs.readFileSync(path.join(outDir, file)));
        const version = `${hash.digest('hex').slice(0, 16)}-layout${LAYOUT_VERSION}`;
        const source = fs
          .readFileSync(WORKER_SOURCE, 'utf8')
          .replace('/* PRECACHE */ []', JSON.stringify(files.map((file) => `/${file}`)))
          .replace("/* VERSION */ 'dev'", JSON.stringify(version));
        fs.writeFileSync(path.join(outDir, SERVICE_WORKER_FILE), source);
      },
    },
  };
}
