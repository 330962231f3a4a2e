// Who may use `kubelab serve`. Threats: another user or web page on this
// machine reaching the port (answered by the random token, kept in an
// HttpOnly, SameSite=Strict cookie after the first load), a web site that
// resolves its own name to 127.0.0.1 (DNS rebinding: answered by the Host
// check) and a cross-site WebSocket (answered by the Origin check). Pure.
import { timingSafeEqual } from 'node:crypto';

export interface GuardConfig {
  token: string;
  port: number;
  /**
   * Host names the server answers to (127.0.0.1, localhost, and an explicit --host).
   * "*" (listening on every interface) accepts any: then the token alone guards it.
   */
  hosts: string[];
}

export interface RequestFacts {
  url: string;
  host?: string;
  origin?: string;
  cookie?: string;
}

export type Verdict = { ok: true; setCookie?: string; redirect?: string } | { ok: false; status: 400 | 401 | 403; reason: string };

export const cookieName = (port: number) => `kubelab_token_${port}`;

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value; // a stray % is no token of ours; it must not throw out of the request handler
      }
    }
  }
  return undefined;
}

function hostAllowed(host: string | undefined, config: GuardConfig): boolean {
  if (!host) return false;
  if (config.hosts.includes('*')) return true;
  const allowed = config.hosts.flatMap((h) => {
    const name = h.includes(':') && !h.startsWith('[') ? `[${h}]` : h;
    return [`${name}:${config.port}`];
  });
  return allowed.includes(host.toLowerCase());
}

/** Static files and the WebSocket share one rule; the first load carries the token in the URL. */
export function checkRequest(req: RequestFacts, config: GuardConfig, kind: 'page' | 'socket'): Verdict {
  if (!hostAllowed(req.host, config)) return { ok: false, status: 403, reason: `Host ${req.host ?? '(none)'} is not this server` };
  // A page of this server sends its own origin; any other page's socket is refused.
  if (req.origin !== undefined && req.origin !== `http://${req.host}`) {
    return { ok: false, status: 403, reason: `Origin ${req.origin} is not this server` };
  }
  let url: URL;
  try {
    url = new URL(req.url, 'http://x');
  } catch {
    return { ok: false, status: 400, reason: 'that is not a request target' };
  }
  const fromUrl = url.searchParams.get('token');
  const fromCookie = readCookie(req.cookie, cookieName(config.port));
  if (fromUrl !== null) {
    if (!sameToken(fromUrl, config.token)) return { ok: false, status: 403, reason: 'wrong token' };
    if (kind === 'socket') return { ok: true };
    // Keep the token out of the address bar, the history and screenshots from here on.
    url.searchParams.delete('token');
    return {
      ok: true,
      setCookie: `${cookieName(config.port)}=${encodeURIComponent(config.token)}; HttpOnly; SameSite=Strict; Path=/`,
      redirect: `${url.pathname}${url.search}`,
    };
  }
  if (fromCookie === undefined) return { ok: false, status: 401, reason: 'no token: open the address `kubelab serve` printed' };
  if (!sameToken(fromCookie, config.token)) return { ok: false, status: 403, reason: 'wrong token' };
  return { ok: true };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}
