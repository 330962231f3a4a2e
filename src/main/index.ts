// Electron's main process, kept thin: one window, the engine behind it, IPC
// between them. Everything the app does lives in src/lab; this file wires it.
import { app, BrowserWindow, dialog, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../lab/bridge/engine';
import { openSession } from '../lab/bridge/session';
import { eventSender, serveIpc } from './ipc';
import { setMenu } from './menu';
import { APP_ORIGIN, registerScheme, serveRenderer } from './protocol';
import { createWindow } from './window';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const preload = join(here, '..', 'preload', 'index.cjs');
// electron-vite's dev server, only in development.
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    if (devUrl) return u.origin === new URL(devUrl).origin;
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** electron-builder's extraResources (build/offline) for offline classrooms. */
function bundledImage(): string | undefined {
  const file = join(process.resourcesPath ?? '', 'image', 'kubelab-image.tar');
  return app.isPackaged && existsSync(file) ? file : undefined;
}

registerScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.whenReady().then(() => {
    serveRenderer(rendererDir);
    setMenu();
    const engine = new Engine({
      configDir: app.getPath('userData'),
      chooseFile: async () => {
        const r = await dialog.showOpenDialog({ properties: ['openFile'], filters: [{ name: 'Image tarball', extensions: ['tar', 'gz', 'tgz'] }] });
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      openExternal: (url) => shell.openExternal(url),
      bundledImage: bundledImage(),
    });
    win = createWindow(preload, isAppUrl);
    const contents = win.webContents;
    const send = eventSender(contents);
    let session = openSession(engine, send);
    const stopIpc = serveIpc(contents, () => session, isAppUrl);
    // A reload starts the page afresh: its terminals and subscriptions go, a new session comes.
    contents.on('did-start-navigation', (d) => {
      if (!d.isMainFrame || d.isSameDocument) return;
      void session.dispose();
      session = openSession(engine, send);
    });
    win.on('closed', () => {
      stopIpc();
      // The shells in the hosts are hung up before the app goes (at most a few seconds).
      const done = Promise.race([session.dispose(), new Promise((r) => setTimeout(r, 3000))]);
      win = undefined;
      void done.then(() => app.quit());
    });
    void (devUrl ? win.loadURL(devUrl) : win.loadURL(`${APP_ORIGIN}/index.html`));
  });

  // Quitting waits for the window's session to hang up its terminals (see 'closed' above).
  app.on('window-all-closed', () => {});
}
