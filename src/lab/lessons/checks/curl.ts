// HTTP requests with curl inside a host or pod: one curl process makes them
// all, each answer followed by a marker line carrying its status code. Pure.
//
// `Connection: close` makes every request open a fresh connection, so
// kube-proxy picks an endpoint for each one (as separate `curl` runs would)
// at a fraction of the cost of starting a process per request.

const MARK = '@@kubelab-probe';
const BASE = ['curl', '-s', '-m', '1', '-H', 'Connection: close', '-w', `\\n${MARK} %{http_code}@@\\n`];

/** argv that requests `url` `times` times; it stops at the first request that gets no answer at all. */
export function curlRepeated(url: string, times: number): string[] {
  return [...BASE, '--fail-early', ...Array.from({ length: times }, () => url)];
}

/** argv that requests each URL once, in order; a URL that gets no answer shows as status 0. */
export function curlEach(urls: string[]): string[] {
  return [...BASE, ...urls];
}

export interface HttpAnswer {
  /** 0: no HTTP answer (refused, timed out, no such host). */
  status: number;
  body: string;
}

export function parseCurlOutput(stdout: string): HttpAnswer[] {
  const out: HttpAnswer[] = [];
  const re = new RegExp(`\\n${MARK} (\\d{3})@@\\n`, 'g');
  let start = 0;
  for (const m of stdout.matchAll(re)) {
    out.push({ status: Number(m[1]), body: stdout.slice(start, m.index) });
    start = m.index! + m[0].length;
  }
  return out;
}
