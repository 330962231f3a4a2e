// Type-checks every room with its own tsconfig: the layering (no DOM in
// shared/lab/cluster, no Node in the renderer) is enforced by these configs.
import { spawnSync } from 'node:child_process';

const projects = [
  'src/shared/tsconfig.json',
  'src/cluster/tsconfig.json',
  'src/lab/tsconfig.json',
  'src/main/tsconfig.json',
  'src/renderer/tsconfig.json',
  'tsconfig.tools.json',
];
let failed = false;
for (const project of projects) {
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`typecheck failed: ${project}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
