import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** Cross-origin isolation lets tfjs-wasm and workers use SharedArrayBuffer; the CSP allows only what the app needs. */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Referrer-Policy': 'no-referrer',
};

/**
 * The Content-Security-Policy of the built app: only our own scripts (plus WebAssembly compilation for
 * tfjs-wasm), workers from our origin, and network calls to ourselves, the OpenAI API and local
 * OpenAI-compatible servers. Added at build time only: the dev server injects inline scripts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' https://api.openai.com http://localhost:* http://127.0.0.1:*",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'homesynth-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * The headers a host that can set them should send (Netlify and Cloudflare Pages read them from
 * dist/_headers; README › Deploy to a static host has the same for nginx): isolation without the service
 * worker's one-time reload, and the clickjacking protection a meta tag cannot carry (`frame-ancestors`,
 * X-Frame-Options).
 */
export const HOST_HEADERS: Readonly<Record<string, string>> = {
  ...isolation,
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Frame-Options': 'DENY',
};

/**
 * Static hosts (GitHub Pages and the like) answer unknown paths with `404.html`: making it a copy of
 * index.html lets a first visit to a deep link (/training, /datasets/<id>) boot the app, whose router
 * reads location.pathname. The copy is taken after every other plugin has shaped index.html. Also writes
 * `_headers` (see HOST_HEADERS) for the hosts that read it; the others serve or ignore it.
 */
function staticHostFiles(): Plugin {
  return {
    name: 'homesynth-static-host',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const index = bundle['index.html'];
      if (index?.type !== 'asset') return;
      this.emitFile({ type: 'asset', fileName: '404.html', source: index.source });
      const lines = Object.entries(HOST_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
      this.emitFile({ type: 'asset', fileName: '_headers', source: ['/*', ...lines, ''].join('\n') });
    },
  };
}

/** The browser chrome follows the app's light and dark surfaces. */
function themeColour(): Plugin {
  return {
    name: 'homesynth-theme-colour',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { name: 'theme-color', content: '#ffffff', media: '(prefers-color-scheme: light)' },
        injectTo: 'head',
      },
      {
        tag: 'meta',
        attrs: { name: 'theme-color', content: '#1a1f25', media: '(prefers-color-scheme: dark)' },
        injectTo: 'head',
      },
    ],
  };
}

/**
 * One service worker (src/app/sw.ts) does both jobs a plain static host cannot: it precaches the whole
 * build (so the app loads and works offline after the first visit, deep links included) and adds
 * COOP/COEP/CORP to every same-origin response it serves (so the app becomes cross-origin isolated without
 * server headers). Registered by src/app/register-sw.ts; updates wait for the user (src/app/update-banner.tsx).
 */
const pwa = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src/app',
  filename: 'sw.ts',
  injectRegister: false,
  registerType: 'prompt',
  manifest: {
    id: '/',
    name: 'HomeSynth Workbench',
    short_name: 'HomeSynth',
    description: 'Generate, explore and model synthetic smart-home device data in your browser.',
    start_url: '/datasets',
    scope: '/',
    display: 'standalone',
    theme_color: '#ffffff',
    background_color: '#f6f7f9',
    icons: [
      { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    ],
  },
  injectManifest: {
    // A classic (non-module) worker: every browser with service workers can run it.
    rollupFormat: 'iife',
    // Everything the app can load: the shell, every lazy page and worker chunk, the TF.js .wasm files (the
    // manifest and its icons are added by the plugin itself).
    globPatterns: ['**/*.{js,css,html,wasm}'],
    // 404.html is the same document as index.html, which the worker serves for every in-app path.
    globIgnores: ['404.html'],
    // The TF.js worker chunks are ~1.6 MB each (Workbox's default limit of 2 MiB would be a near miss).
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  },
  devOptions: { enabled: false },
});

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), themeColour(), pwa, staticHostFiles()],
  worker: { format: 'es' },
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-backend-wasm',
      'comlink',
      'idb',
      'recharts',
      'zustand',
      '@tanstack/react-table',
      '@tanstack/react-virtual',
      'zod',
    ],
  },
  server: { headers: isolation, port: 5173, strictPort: true },
  preview: { headers: isolation, port: 4173, strictPort: true },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
