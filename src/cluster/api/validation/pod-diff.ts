// The diff kube-apiserver appends to "pod updates may not change fields ...".
// Upstream prints go-cmp's cmp.Diff of the internal PodSpec, whose layout go-cmp
// deliberately randomizes (it swaps spaces for non-breaking ones) so nobody can
// depend on it. We print the same frame with only the changed fields, one per
// line, named as Go names them.

import { goJson, goQuote } from '../errors';
import { differences } from './semantic';

const goNames: Record<string, string> = {
  dnsPolicy: 'DNSPolicy', dnsConfig: 'DNSConfig', hostIP: 'HostIP', podIP: 'PodIP', hostIPC: 'HostIPC', hostPID: 'HostPID',
  tty: 'TTY', httpGet: 'HTTPGet', tcpSocket: 'TCPSocket', grpc: 'GRPC', apiVersion: 'APIVersion', uid: 'UID',
};

function goName(key: string): string {
  return goNames[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

function goValue(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return goJson(v);
}

export function podSpecDiff(oldSpec: unknown, newSpec: unknown): string {
  const lines = ['  core.PodSpec{'];
  for (const d of differences(oldSpec, newSpec)) {
    const name = d.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${goName(p)}`)).join('');
    lines.push(`- \t${name}: ${goValue(d.from)},`);
    lines.push(`+ \t${name}: ${goValue(d.to)},`);
  }
  lines.push('  }');
  return `${lines.join('\n')}\n`;
}
