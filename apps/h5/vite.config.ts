import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.POND_API_URL ?? 'http://127.0.0.1:3000';

// Customers' pages. Served by the server at /h5/ and at the short-link paths (/j/…, /s/…, …).
export default defineConfig({
  root,
  base: '/h5/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: { proxy: { '/api': { target: apiTarget, changeOrigin: false } } },
});
