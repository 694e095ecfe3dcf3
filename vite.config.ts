import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Cross-origin isolation lets tfjs-wasm and workers use SharedArrayBuffer; the CSP allows only what the app needs. */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Referrer-Policy': 'no-referrer',
};

export default defineConfig({
  plugins: [react()],
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
