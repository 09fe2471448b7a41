// Builds the renderer into renderer/dist, served by the Electron shell (file://) and by
// `zkdesk serve` alike, so relative asset paths.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // The UI is loaded from disk or 127.0.0.1: no point splitting for the network.
    chunkSizeWarningLimit: 2000,
  },
});
