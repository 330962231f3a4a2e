// The environment a terminal's child process gets. Electron's own variables
// (ELECTRON_RUN_AS_NODE above all) would change how a child Node or Electron
// program behaves, so they never leak into it (as VS Code's processes.ts does).

export function childEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || k.startsWith('ELECTRON_') || k === 'NODE_OPTIONS' || k === 'GOOGLE_API_KEY') continue;
    out[k] = v;
  }
  out.TERM = 'xterm-256color';
  out.COLORTERM = 'truecolor';
  return out;
}
