// Reading `netstat -napt`: listening TCP sockets and who holds them. Pure.

export interface Socket {
  local: string;
  port: number;
  state: string;
  /** "kube-proxy" from "1234/kube-proxy"; undefined for "-". */
  program?: string;
  pid?: number;
}

export function parseNetstat(text: string): Socket[] {
  const out: Socket[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (!/^tcp6?$/.test(f[0] ?? '') || f.length < 6) continue;
    const local = f[3]!;
    const colon = local.lastIndexOf(':');
    const owner = f[6] ?? '-';
    const slash = owner.indexOf('/');
    out.push({
      local: local.slice(0, colon),
      port: Number(local.slice(colon + 1)),
      state: f[5]!,
      program: slash > 0 ? owner.slice(slash + 1) : undefined,
      pid: slash > 0 ? Number(owner.slice(0, slash)) : undefined,
    });
  }
  return out;
}
