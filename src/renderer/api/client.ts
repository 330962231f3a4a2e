// The renderer's one way to the engine: the contract of src/shared/api.ts,
// whatever carries it. Electron's preload hands over a ready KubelabApi; the
// browser build builds one over a WebSocket (ws.ts). Views import `api` from
// here and never learn which it is.
import type { KubelabApi, Unsubscribe } from '../../shared/api';

export interface ClientApi extends KubelabApi {
  /** The connection to the engine is gone (the serve process ended); never fires in Electron. */
  onDisconnect(listener: (reason: string) => void): Unsubscribe;
}

/** A tiny typed listener set, used by the transports for each event. */
export class Listeners<T> {
  private readonly set = new Set<(e: T) => void>();

  add(listener: (e: T) => void): Unsubscribe {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(e: T): void {
    for (const l of [...this.set]) l(e);
  }
}
