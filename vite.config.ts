import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { appShell } from './build/appShell';
import { preloadApp } from './build/preloadApp';

// The dev server proxies the API and sync endpoint to the Node server (npm run serve).
const backend = process.env.CJM_BACKEND ?? 'http://127.0.0.1:4321';

export default defineConfig({
  plugins: [react(), preloadApp(), appShell()],
  // Which build a page runs (shown on <html data-build>): the package version unless a deploy names it.
  define: { __CJM_BUILD__: JSON.stringify(process.env.CJM_BUILD ?? process.env.npm_package_version ?? 'dev') },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/ws': { target: backend.replace(/^http/, 'ws'), ws: true },
    },
  },
});
