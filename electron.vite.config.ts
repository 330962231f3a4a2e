// electron-vite: main (ESM, Node), preload (CommonJS: a sandboxed preload
// cannot be an ES module) and the renderer (React, also served by `kubelab serve`).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      emptyOutDir: true,
      // electron-vite leaves bundles unminified; the renderer is also served to browsers.
      minify: true,
      // One bundle, xterm included; the budget is 1.5 MB gzipped (bench/terminal.ts measures it).
      chunkSizeWarningLimit: 1500,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    // Relative asset paths: the same files load from kubelab://app/ and from `kubelab serve`.
    base: './',
  },
});
