// One informer per resource, shared by every controller of the process, as
// client-go's SharedInformerFactory: a single list+watch feeds all handlers.
import type { KubeObject } from '../../api/types';
import { Informer, type InformerOptions } from '../../client/informer';
import type { ResourceRef, RestClient } from '../../client/rest';

export class SharedInformers {
  private readonly informers = new Map<string, Informer>();
  private started = false;

  constructor(
    private readonly client: RestClient,
    private readonly options: InformerOptions = {},
  ) {}

  get<T extends KubeObject>(ref: ResourceRef): Informer<T> {
    const key = `${ref.group}/${ref.resource}`;
    let informer = this.informers.get(key);
    if (!informer) {
      informer = new Informer(this.client, ref, this.options);
      this.informers.set(key, informer);
      if (this.started) informer.start();
    }
    return informer as unknown as Informer<T>;
  }

  start(): void {
    this.started = true;
    for (const i of this.informers.values()) i.start();
  }

  stop(): void {
    for (const i of this.informers.values()) i.stop();
  }

  async waitForSync(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.waitForSync()));
  }
}
