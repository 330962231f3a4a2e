import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'child_process', 'net', 'http', 'https', 'os', 'dgram', 'crypto', 'stream', 'events', 'util', 'zlib', 'tls', 'url', 'worker_threads'];
const nodeImports = nodeBuiltins.flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', '.cache/', 'test-results/', 'release/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The lab engine and the cluster never depend on Electron.
    files: ['src/lab/**/*.ts', 'src/cluster/**/*.ts', 'src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['**/main/**', '**/renderer/**', '**/preload/**'] }] },
  },
  {
    // The cluster runs inside the hosts: it never reaches back into the engine.
    files: ['src/cluster/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron', 'dockerode', 'node-pty'], patterns: ['**/lab/**', '**/main/**', '**/renderer/**', '**/preload/**'] }] },
  },
  {
    // The shared contract is pure: no Node, no DOM.
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron', ...nodeImports], patterns: ['**/lab/**', '**/cluster/**'] }] },
  },
  {
    // The renderer only speaks the shared contract.
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron', ...nodeImports], patterns: ['**/lab/**', '**/cluster/**', '**/main/**'] }] },
  },
);
