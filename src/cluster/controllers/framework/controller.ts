// What each controller is to the controller manager: a name and a start.
import type { EventRecorder, EventSource } from '../../client/events';
import type { RestClient } from '../../client/rest';
import type { ServedResource } from './discovery';
import type { SharedInformers } from './informers';

export interface ControllerContext {
  client: RestClient;
  informers: SharedInformers;
  /** One recorder per event source (e.g. "deployment-controller"). */
  recorder(source: EventSource): EventRecorder;
  log(line: string): void;
  now(): Date;
  /** What the API server serves, discovered at start. */
  served: ServedResource[];
}

export interface Controller {
  readonly name: string;
  /** Called once the shared informers have synced. */
  run(): void;
  stop?(): void;
}
