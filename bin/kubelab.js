#!/usr/bin/env node
// The kubelab command line. The TypeScript sources are bundled by `npm run build`
// (run automatically by `npm ci`); this file only finds that bundle.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/lab/kubelab.js', import.meta.url));
if (!existsSync(bundle)) {
  console.error('kubelab: not built yet. Run `npm ci` (or `npm run build`) in the KubeLab folder first.');
  process.exit(1);
}
await import(pathToFileURL(bundle).href);
