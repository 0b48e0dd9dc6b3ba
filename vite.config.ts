/**
 * Builds the explorer (client/) into dist/client, which the Threadline server serves at `/`.
 * `npm run dev` serves client/ on :5173 and proxies /graphql and /health to the API on :4000
 * (override with THREADLINE_API, e.g. THREADLINE_API=http://127.0.0.1:4600 npm run dev).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const api = process.env.THREADLINE_API ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  // Relative asset URLs, so the build also works when served under a path prefix.
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    // Cytoscape alone is ~450 kB minified; one chunk for it keeps the app chunk small.
    chunkSizeWarningLimit: 700,
    sourcemap: true,
  },
  worker: { format: 'es' },
  server: {
    port: 5173,
    proxy: { '/graphql': api, '/health': api },
  },
});
