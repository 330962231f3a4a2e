// Picks the transport: Electron's preload puts the contract on window.kubelab;
// without it this page runs in a browser under `kubelab serve`.
import type { KubelabApi } from '../../shared/api';
import type { ClientApi } from './client';
import { wsApi } from './ws';

declare global {
  interface Window {
    kubelab?: KubelabApi;
  }
}

function pick(): ClientApi {
  const preload = window.kubelab;
  if (preload) return { ...preload, onDisconnect: () => () => {} };
  return wsApi();
}

export const api: ClientApi = pick();
