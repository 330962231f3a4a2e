// The contract over the WebSocket of `kubelab serve`. The page was loaded with
// the token, which the server keeps in a cookie: the socket carries it along.
import {
  WS_PATH,
  type ApiEvents,
  type ApiNotifications,
  type ApiRequests,
  type WireClientMessage,
  type WireServerMessage,
} from '../../shared/api';
import { Listeners, type ClientApi } from './client';
import { markResume } from './resume';

type Pending = { resolve(v: unknown): void; reject(e: Error): void };

const PROBE_EVERY_MS = 1000;

/** Tries a socket every second until one opens (the server is back and takes our cookie). */
function whenServerAnswers(url: string, back: () => void): void {
  const probe = new WebSocket(url);
  let opened = false;
  probe.addEventListener('open', () => {
    opened = true;
    probe.close();
    back();
  });
  probe.addEventListener('close', () => {
    if (!opened) setTimeout(() => whenServerAnswers(url, back), PROBE_EVERY_MS);
  });
}

export function wsApi(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`): ClientApi {
  const ws = new WebSocket(url);
  const queue: string[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed: string | undefined;
  const events = {
    progress: new Listeners<ApiEvents['progress']>(),
    terminalData: new Listeners<ApiEvents['terminalData']>(),
    terminalExit: new Listeners<ApiEvents['terminalExit']>(),
    clusterView: new Listeners<ApiEvents['clusterView']>(),
    traffic: new Listeners<ApiEvents['traffic']>(),
    lessonProgress: new Listeners<ApiEvents['lessonProgress']>(),
  };
  const disconnect = new Listeners<string>();

  ws.addEventListener('open', () => {
    for (const m of queue.splice(0)) ws.send(m);
  });
  ws.addEventListener('close', (e) => {
    closed = e.reason || `connection closed (${e.code})`;
    for (const p of pending.values()) p.reject(new Error(closed));
    pending.clear();
    disconnect.emit(closed);
    // serve keeps its token across restarts, so this tab's cookie will do again:
    // once a socket opens, a reload brings back the workspace and its terminals.
    whenServerAnswers(url, () => {
      markResume();
      location.reload();
    });
  });
  ws.addEventListener('message', (e) => {
    const m = JSON.parse(String(e.data)) as WireServerMessage;
    if (m.t === 'result') {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.ok) p?.resolve(m.v);
      else p?.reject(new Error(m.e));
      return;
    }
    const l = events[m.e] as Listeners<unknown> | undefined;
    l?.emit(m.p);
  });

  const send = (m: WireClientMessage) => {
    const text = JSON.stringify(m);
    if (ws.readyState === WebSocket.OPEN) ws.send(text);
    else if (ws.readyState === WebSocket.CONNECTING) queue.push(text);
  };
  const call =
    <M extends keyof ApiRequests>(m: M) =>
    (...a: Parameters<ApiRequests[M]>): ReturnType<ApiRequests[M]> =>
      new Promise((resolve, reject) => {
        if (closed) return reject(new Error(closed));
        const id = nextId++;
        pending.set(id, { resolve, reject });
        send({ t: 'call', id, m, a });
      }) as ReturnType<ApiRequests[M]>;
  const note =
    <M extends keyof ApiNotifications>(m: M) =>
    (...a: Parameters<ApiNotifications[M]>): void =>
      send({ t: 'note', m, a });

  return {
    appInfo: call('appInfo'),
    checkDocker: call('checkDocker'),
    imageStatus: call('imageStatus'),
    buildImage: call('buildImage'),
    loadImage: call('loadImage'),
    chooseImageFile: call('chooseImageFile'),
    cancelTask: call('cancelTask'),
    labStatus: call('labStatus'),
    startLab: call('startLab'),
    stopLab: call('stopLab'),
    openTerminal: call('openTerminal'),
    watchCluster: call('watchCluster'),
    describeObject: call('describeObject'),
    watchTraffic: call('watchTraffic'),
    listManifests: call('listManifests'),
    readManifest: call('readManifest'),
    writeManifest: call('writeManifest'),
    loadSettings: call('loadSettings'),
    saveSettings: call('saveSettings'),
    lessonList: call('lessonList'),
    lessonStatus: call('lessonStatus'),
    lessonCommand: call('lessonCommand'),
    lessonCheck: call('lessonCheck'),
    lessonResetStep: call('lessonResetStep'),
    lessonResetLab: call('lessonResetLab'),
    lessonDiagram: call('lessonDiagram'),
    // The engine checks the URL; a browser tab then opens it itself, cut off from this page.
    openExternal: async (url) => {
      const allowed = await call('openExternal')(url);
      if (allowed) window.open(url, '_blank', 'noopener,noreferrer');
      return allowed;
    },
    writeTerminal: note('writeTerminal'),
    resizeTerminal: note('resizeTerminal'),
    ackTerminal: note('ackTerminal'),
    closeTerminal: note('closeTerminal'),
    onProgress: (l) => events.progress.add(l),
    onTerminalData: (l) => events.terminalData.add(l),
    onTerminalExit: (l) => events.terminalExit.add(l),
    onClusterView: (l) => events.clusterView.add(l),
    onTraffic: (l) => events.traffic.add(l),
    onLessonProgress: (l) => events.lessonProgress.add(l),
    onDisconnect: (l) => disconnect.add(l),
  };
}
