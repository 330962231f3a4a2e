// The one window, locked down: sandboxed renderer with context isolation and
// no Node, no navigation away from the app, no new windows, no webviews, no
// permissions beyond the clipboard. Links go out only through the URL check.
import { BrowserWindow, shell, type WebContents } from 'electron';
import { safeExternalUrl } from '../lab/bridge/url-safety';

export function createWindow(preload: string, isAppUrl: (url: string) => boolean): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'KubeLab',
    autoHideMenuBar: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  lockDown(win.webContents, isAppUrl);
  return win;
}

export function lockDown(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const safe = safeExternalUrl(url);
    if (safe) void shell.openExternal(safe);
    return { action: 'deny' };
  });
  const allowed = new Set(['clipboard-read', 'clipboard-sanitized-write']);
  contents.session.setPermissionRequestHandler((_wc, permission, callback) => callback(allowed.has(permission)));
  contents.session.setPermissionCheckHandler((_wc, permission) => allowed.has(permission));
}
