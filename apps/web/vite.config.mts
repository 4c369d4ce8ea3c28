import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web app: built into dist/web (served by the API at `/`); `npx vite apps/web` runs the dev
 * server, which forwards /api to the API on API_URL (default http://localhost:3000).
 */
export default defineConfig({
  root,
  base: '/',
  resolve: {
    // The words people read and the calendar are the domain's own (one label table, one
    // China Standard Time formatter, one working-day calendar), imported from its pure TypeScript;
    // nothing else of the server is (eslint.config.mjs allows only these paths in apps/web).
    alias: [
      {
        find: /^@yishi\/domain\/(.*)$/,
        replacement: fileURLToPath(new URL('../../libs/domain/src/$1', import.meta.url)),
      },
    ],
  },
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [
    // The app shell for a phone without signal (the grid worker's round and its outbox): a
    // Workbox service worker (dist/web/sw.js) keeps index.html, the entry script and the styles,
    // and answers every page of the app with index.html when the network cannot. The API, the
    // operations endpoints and the docs are never answered by it (the API's own paths,
    // libs/platform/src/http/web-app.ts). The statistics chunk (ECharts, desktop) is left out.
    // A new deploy's worker takes over at once; an open page keeps its code until it reloads.
    // Registered in main.tsx once the page has loaded.
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg}'],
        globIgnores: ['**/stats-*.js'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/(api|health|metrics|docs)(\/|-json|$)/i],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    // dist/web/.vite/manifest.json: the chunk graph, read by scripts/web-size.mjs (a dot directory,
    // which the API's static server does not serve).
    manifest: true,
    reportCompressedSize: false,
    // The statistics page's chunk (ECharts, ~510 KB raw) is loaded lazily, on that page only; the
    // budget that matters, the first page's, is checked by scripts/web-size.mjs.
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.API_URL ?? 'http://localhost:3000' } },
  },
});
