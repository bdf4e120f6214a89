// The page's entry (src/app/main.tsx) is kept small so it runs at once, and imports the app's
// code dynamically. Left alone, the browser would only then start loading that code. This
// plugin names it in index.html instead: a modulepreload for the app's chunk and every chunk it
// imports, and a stylesheet link for its CSS, so all of it loads alongside the entry.
import path from 'node:path';
import type { HtmlTagDescriptor, IndexHtmlTransformContext, Plugin } from 'vite';

type Bundle = NonNullable<IndexHtmlTransformContext['bundle']>;
type Chunk = NonNullable<IndexHtmlTransformContext['chunk']>;

/** The chunk a dynamic import of `entry` loads, with the chunks it imports, each once, in order. */
export function chunksToPreload(bundle: Bundle, entry: Chunk): Chunk[] {
  const out: Chunk[] = [];
  const seen = new Set<string>([entry.fileName, ...entry.imports]);
  const visit = (fileName: string) => {
    if (seen.has(fileName)) return;
    seen.add(fileName);
    const chunk = bundle[fileName];
    if (chunk?.type !== 'chunk') return;
    out.push(chunk);
    chunk.imports.forEach(visit);
  };
  entry.dynamicImports.forEach(visit);
  return out;
}

export function preloadApp(): Plugin {
  let base = '/';
  return {
    name: 'cjm-preload-app',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle || !ctx.chunk) return;
        const tags: HtmlTagDescriptor[] = [];
        for (const chunk of chunksToPreload(ctx.bundle, ctx.chunk)) {
          const href = path.posix.join(base, chunk.fileName);
          tags.push({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href }, injectTo: 'head' });
          for (const css of chunk.viteMetadata?.importedCss ?? []) {
            tags.push({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: path.posix.join(base, css) }, injectTo: 'head' });
          }
        }
        return tags;
      },
    },
  };
}
