// vite.config.js - build the UI into $NG_WEB_OUT (default ../build/web).
// Hashed assets go to /assets/ (served with a one-year cache); the graph
// library is split off and loaded only on pages that draw a graph.
import { defineConfig } from 'vite';
import { resolve } from 'node:path';

export default defineConfig({
  base: '/',
  build: {
    outDir: process.env.NG_WEB_OUT || resolve(import.meta.dirname, '../build/web'),
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 600,
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' } },
});
