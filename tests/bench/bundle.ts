// Benchmark 6: what a first visit downloads before the app can start: the entry script, its
// modulepreloads and the stylesheets named in dist/index.html, each gzipped with zlib.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Benchmark, Figure } from './types';
import { ROOT } from './lib/serverProcess';
import { round } from './lib/stats';

const DIST = path.join(ROOT, 'dist');
const BUDGET_KB = 350;

export interface InitialAssets {
  scripts: string[];
  styles: string[];
}

/** The files index.html loads up front (lazy chunks are not in it). */
export function initialAssets(html: string): InitialAssets {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
    if (/^<script/i.test(tag)) {
      const src = attr('src');
      if (src) scripts.add(src);
      continue;
    }
    const rel = attr('rel')?.toLowerCase();
    const href = attr('href');
    if (!href) continue;
    if (rel === 'modulepreload') scripts.add(href);
    else if (rel === 'stylesheet') styles.add(href);
  }
  return { scripts: [...scripts], styles: [...styles] };
}

const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const local = (url: string) => path.join(DIST, url.replace(/^\//, '').split('?', 1)[0]!);

export const bundleBenchmark: Benchmark = {
  name: 'bundle',
  description: 'Gzipped size of the initial JS and CSS in dist/',
  async run(options) {
    const indexHtml = path.join(DIST, 'index.html');
    if (!fs.existsSync(indexHtml)) throw new Error('dist/index.html is missing: run `vite build` first (npm run bench does)');
    const { scripts, styles } = initialAssets(fs.readFileSync(indexHtml, 'utf8'));
    const external = [...scripts, ...styles].filter((u) => /^https?:/i.test(u));
    const js = scripts.filter((u) => !external.includes(u)).reduce((sum, u) => sum + gzipSize(local(u)), 0);
    const css = styles.filter((u) => !external.includes(u)).reduce((sum, u) => sum + gzipSize(local(u)), 0);
    options.log(`  ${scripts.length} script(s), ${styles.length} stylesheet(s): JS ${round(js / 1024)} KB gz, CSS ${round(css / 1024)} KB gz`);
    const figures: Figure[] = [
      { key: 'bundle.jsKb', name: 'bundle: initial JS (gzip)', value: round(js / 1024), unit: 'KB' },
      { key: 'bundle.cssKb', name: 'bundle: initial CSS (gzip)', value: round(css / 1024), unit: 'KB' },
      {
        key: 'bundle.totalKb',
        name: 'bundle: initial JS + CSS (gzip)',
        value: round((js + css) / 1024),
        unit: 'KB',
        target: { op: '<', value: BUDGET_KB },
        ...(external.length > 0 && { note: `not counted (other origins): ${external.join(', ')}` }),
      },
    ];
    return figures;
  },
};
