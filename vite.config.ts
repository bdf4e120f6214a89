import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server proxies the API and sync endpoint to the Node server (npm run serve).
const backend = process.env.CJM_BACKEND ?? 'http://127.0.0.1:4321';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/ws': { target: backend.replace(/^http/, 'ws'), ws: true },
    },
  },
});
