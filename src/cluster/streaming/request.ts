// The kubelet's streaming URLs, as the API server forwards them
// (pkg/registry/core/pod/strategy.go streamLocation, kubelet server.go routes):
//   /exec/<ns>/<pod>[/<uid>]/<container>?command=…&command=…&stdin=1&stdout=1&stderr=1&tty=1
//   /attach/<ns>/<pod>[/<uid>]/<container>?stdin=1&stdout=1&tty=1
//   /containerLogs/<ns>/<pod>/<container>?follow=true&tailLines=10&timestamps=true&previous=true

export type RouteKind = 'exec' | 'attach' | 'containerLogs';

export interface KubeletRoute {
  kind: RouteKind;
  namespace: string;
  pod: string;
  uid?: string;
  container: string;
}

export function parseKubeletPath(pathname: string): KubeletRoute | null {
  const parts = pathname.split('/').slice(1).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return '';
    }
  });
  const [kind, ...rest] = parts;
  if (kind !== 'exec' && kind !== 'attach' && kind !== 'containerLogs') return null;
  if (rest.some((p) => p === '')) return null;
  if (rest.length === 3) return { kind, namespace: rest[0]!, pod: rest[1]!, container: rest[2]! };
  if (rest.length === 4 && kind !== 'containerLogs') return { kind, namespace: rest[0]!, pod: rest[1]!, uid: rest[2]!, container: rest[3]! };
  return null;
}

export interface StreamOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

// The API server sends "1"; kubectl's own query (when proxied as is) says "true".
const on = (q: URLSearchParams, name: string) => {
  const v = q.get(name);
  return v === '1' || v === 'true';
};

/** remotecommand NewOptions: stderr is dropped with a TTY; at least one stream is required. */
export function parseStreamOptions(query: URLSearchParams): StreamOptions | { error: string } {
  const tty = on(query, 'tty');
  const opts = { stdin: on(query, 'stdin'), stdout: on(query, 'stdout'), stderr: on(query, 'stderr') && !tty, tty };
  if (!opts.stdin && !opts.stdout && !opts.stderr) return { error: 'you must specify at least 1 of stdin, stdout, stderr' };
  return opts;
}

export function parseCommand(query: URLSearchParams): string[] {
  return query.getAll('command');
}
