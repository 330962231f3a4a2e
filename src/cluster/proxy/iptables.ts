// The one place kube-proxy touches the kernel's rules: ensure the hook jumps,
// read which KUBE-* chains exist, and apply a payload with
// `iptables-restore --noflush` (never flushing what Docker keeps there).
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { HookRule } from './rules/types';

const run = promisify(execFile);

async function iptables(args: string[]): Promise<{ ok: boolean; stderr: string }> {
  try {
    await run('iptables', ['-w', '5', ...args]);
    return { ok: true, stderr: '' };
  } catch (err) {
    return { ok: false, stderr: (err as { stderr?: string }).stderr ?? String(err) };
  }
}

export async function ensureHooks(hooks: HookRule[]): Promise<void> {
  for (const hook of hooks) {
    // EnsureChain: -N fails harmlessly when the chain exists.
    await iptables(['-t', hook.table, '-N', hook.target]);
    const check = await iptables(['-t', hook.table, '-C', hook.chain, ...hook.args]);
    if (check.ok) continue;
    const insert = await iptables(['-t', hook.table, '-I', hook.chain, ...hook.args]);
    if (!insert.ok) throw new Error(`iptables -t ${hook.table} -I ${hook.chain}: ${insert.stderr.trim()}`);
  }
}

/** Names of the KUBE-* chains in a table, from iptables-save's ":NAME POLICY [p:b]" lines. */
export function chainsIn(save: string): string[] {
  const out: string[] = [];
  for (const line of save.split('\n')) {
    const m = line.match(/^:(KUBE-\S+) /);
    if (m) out.push(m[1]!);
  }
  return out;
}

export async function existingChains(table: 'nat' | 'filter'): Promise<string[]> {
  const { stdout } = await run('iptables-save', ['-t', table], { maxBuffer: 256 << 20 });
  return chainsIn(stdout);
}

export function restore(payload: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('iptables-restore', ['-w', '5', '--noflush', '--counters'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`iptables-restore exited with ${code}: ${stderr.trim()}`))));
    child.stdin.end(payload);
  });
}

/** Forgets UDP flows to an endpoint that went away, so clients stop sending there (upstream's conntrack cleanup). */
export async function clearConntrack(endpointIP: string, protocol: 'udp' | 'sctp' = 'udp'): Promise<void> {
  try {
    await run('conntrack', ['-D', '-p', protocol, '--dst-nat', endpointIP]);
  } catch {
    // exit 1 when nothing matched: that is the common case
  }
}
