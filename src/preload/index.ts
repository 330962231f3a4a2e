// The preload: the contract of src/shared/api.ts on window.kubelab, one
// method per message. The renderer never sees ipcRenderer or an IPC event;
// listeners get the payload only. Runs sandboxed: only `electron` is required.
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiEvents, KubelabApi } from '../shared/api';

const invoke = (channel: string, ...args: unknown[]) => ipcRenderer.invoke(`kubelab:${channel}`, ...args);
const send = (channel: string, ...args: unknown[]) => ipcRenderer.send(`kubelab:${channel}`, ...args);
function subscribe<E extends keyof ApiEvents>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
  const channel = `kubelab:event:${event}`;
  const wrapped = (_e: unknown, payload: ApiEvents[E]) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => void ipcRenderer.removeListener(channel, wrapped);
}

const api: KubelabApi = {
  appInfo: () => invoke('appInfo'),
  checkDocker: () => invoke('checkDocker'),
  imageStatus: () => invoke('imageStatus'),
  buildImage: () => invoke('buildImage'),
  loadImage: (path) => invoke('loadImage', path),
  chooseImageFile: () => invoke('chooseImageFile'),
  cancelTask: (taskId) => invoke('cancelTask', taskId),
  labStatus: () => invoke('labStatus'),
  startLab: () => invoke('startLab'),
  stopLab: () => invoke('stopLab'),
  openTerminal: (target, size) => invoke('openTerminal', target, size),
  watchCluster: () => invoke('watchCluster'),
  describeObject: (ref) => invoke('describeObject', ref),
  watchTraffic: (service) => invoke('watchTraffic', service),
  listManifests: () => invoke('listManifests'),
  readManifest: (name) => invoke('readManifest', name),
  writeManifest: (name, text) => invoke('writeManifest', name, text),
  loadSettings: () => invoke('loadSettings'),
  saveSettings: (settings) => invoke('saveSettings', settings),
  openExternal: (url) => invoke('openExternal', url),
  lessonList: () => invoke('lessonList'),
  lessonStatus: () => invoke('lessonStatus'),
  lessonCommand: (stepId) => invoke('lessonCommand', stepId),
  lessonCheck: (stepId) => invoke('lessonCheck', stepId),
  lessonResetStep: (stepId) => invoke('lessonResetStep', stepId),
  lessonResetLab: () => invoke('lessonResetLab'),
  lessonDiagram: (sectionId) => invoke('lessonDiagram', sectionId),

  writeTerminal: (id, data) => send('writeTerminal', id, data),
  resizeTerminal: (id, size) => send('resizeTerminal', id, size),
  ackTerminal: (id, chars) => send('ackTerminal', id, chars),
  closeTerminal: (id) => send('closeTerminal', id),

  onProgress: (listener) => subscribe('progress', listener),
  onTerminalData: (listener) => subscribe('terminalData', listener),
  onTerminalExit: (listener) => subscribe('terminalExit', listener),
  onClusterView: (listener) => subscribe('clusterView', listener),
  onTraffic: (listener) => subscribe('traffic', listener),
  onLessonProgress: (listener) => subscribe('lessonProgress', listener),
};

contextBridge.exposeInMainWorld('kubelab', api);
