// IPC between the window and the engine. Each request and notification has
// its own channel and its own argument validator (src/lab/bridge/validate.ts);
// every message is first checked to come from our window's own page (the
// frame's URL is the app's origin), as VS Code's ipcMain wrapper does.
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { NOTIFICATION_NAMES, REQUEST_NAMES, type ApiEvents, type EngineSession } from '../shared/api';
import { notificationArgs, requestArgs } from '../lab/bridge/validate';

type AnyFn = (...args: unknown[]) => unknown;

export function isTrustedSender(e: IpcMainEvent | IpcMainInvokeEvent, contents: WebContents, isAppUrl: (url: string) => boolean): boolean {
  const frame = e.senderFrame;
  return e.sender === contents && frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/** `session` is read per message: a reloaded page gets a fresh session (its old terminals closed). */
export function serveIpc(contents: WebContents, session: () => EngineSession, isAppUrl: (url: string) => boolean): () => void {
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(`kubelab:${name}`, async (e, ...args: unknown[]) => {
      if (!isTrustedSender(e, contents, isAppUrl)) throw new Error('refused: not the KubeLab window');
      const valid = requestArgs[name](args) as unknown[];
      const current = session();
      return (current[name] as AnyFn).call(current, ...valid);
    });
  }
  for (const name of NOTIFICATION_NAMES) {
    ipcMain.on(`kubelab:${name}`, (e, ...args: unknown[]) => {
      if (!isTrustedSender(e, contents, isAppUrl)) return;
      try {
        const valid = notificationArgs[name](args) as unknown[];
        const current = session();
        (current[name] as AnyFn).call(current, ...valid);
      } catch {
        // an invalid notification is dropped: there is no one to answer
      }
    });
  }
  return () => {
    for (const name of REQUEST_NAMES) ipcMain.removeHandler(`kubelab:${name}`);
    for (const name of NOTIFICATION_NAMES) ipcMain.removeAllListeners(`kubelab:${name}`);
  };
}

export function eventSender(contents: WebContents) {
  return <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => {
    if (!contents.isDestroyed()) contents.send(`kubelab:event:${event}`, payload);
  };
}
