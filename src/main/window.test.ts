// The renderer gets no Node and no way out, checked without Electron: `electron`
// is replaced by fakes that record the window's preferences and the handlers
// lockDown installs, and the handlers are called as Electron would call them.
import { describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    options: undefined as undefined | { webPreferences: Record<string, unknown> },
    on: new Map<string, Handler>(),
    openHandler: undefined as undefined | ((d: { url: string }) => { action: string }),
    permission: undefined as undefined | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    check: undefined as undefined | ((wc: unknown, p: string) => boolean),
    opened: [] as string[],
  };
  const webContents = {
    on: (event: string, fn: Handler) => void state.on.set(event, fn),
    setWindowOpenHandler: (fn: typeof state.openHandler) => void (state.openHandler = fn),
    session: {
      setPermissionRequestHandler: (fn: typeof state.permission) => void (state.permission = fn),
      setPermissionCheckHandler: (fn: typeof state.check) => void (state.check = fn),
    },
  };
  class BrowserWindow {
    webContents = webContents;
    constructor(options: typeof state.options) {
      state.options = options;
    }
    once() {}
    show() {}
  }
  return { state, BrowserWindow, shell: { openExternal: async (url: string) => void state.opened.push(url) } };
});

vi.mock('electron', () => ({ BrowserWindow: fake.BrowserWindow, shell: fake.shell }));

const { createWindow } = await import('./window');
const isAppUrl = (url: string) => url.startsWith('kubelab://app/');

describe('the window', () => {
  createWindow('/app/preload.js', isAppUrl);
  const { state } = fake;

  it('runs the renderer sandboxed, isolated, without Node and with only our preload', () => {
    expect(state.options?.webPreferences).toMatchObject({
      preload: '/app/preload.js',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('stays on the app: navigation and redirects elsewhere are stopped, webviews never attach', () => {
    for (const event of ['will-navigate', 'will-redirect']) {
      const away = { preventDefault: vi.fn() };
      state.on.get(event)!(away, 'https://example.com/');
      expect(away.preventDefault).toHaveBeenCalled();
      const inside = { preventDefault: vi.fn() };
      state.on.get(event)!(inside, 'kubelab://app/index.html');
      expect(inside.preventDefault).not.toHaveBeenCalled();
    }
    const webview = { preventDefault: vi.fn() };
    state.on.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('opens no window: a safe link goes to the system browser, anything else nowhere', async () => {
    expect(state.openHandler!({ url: 'https://kubernetes.io/docs/' })).toEqual({ action: 'deny' });
    expect(state.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(state.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(state.opened).toEqual(['https://kubernetes.io/docs/']);
  });

  it('grants the clipboard and nothing else', () => {
    const answers: Record<string, boolean> = {};
    for (const p of ['clipboard-read', 'clipboard-sanitized-write', 'media', 'geolocation', 'notifications', 'openExternal']) {
      state.permission!(null, p, (ok) => (answers[p] = ok));
    }
    expect(answers).toEqual({ 'clipboard-read': true, 'clipboard-sanitized-write': true, media: false, geolocation: false, notifications: false, openExternal: false });
    expect(state.check!(null, 'media')).toBe(false);
  });
});
