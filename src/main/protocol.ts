// The renderer is loaded from kubelab://app/ rather than file:// (Electron's
// security checklist: file:// pages share one origin with every local file).
// Only files inside out/renderer are served, each with the strict CSP.
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { CSP, resolveStatic } from '../lab/serve/static';

export const SCHEME = 'kubelab';
export const APP_ORIGIN = `${SCHEME}://app`;

export function registerScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'app' ? resolveStatic(rendererDir, url.pathname) : undefined;
    if (!file) return new Response('not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}
