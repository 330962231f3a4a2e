// ControllerExpectations: after a controller creates or deletes pods it waits
// until its informer has seen them all before judging again, or it would
// count them twice (pkg/controller/controller_utils.go; deletions are tracked
// by pod key as UIDTrackingControllerExpectations does, so the update that
// marks a pod and the delete that removes it count once).

const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Expectation {
  add: number;
  deletes: Set<string>;
  at: number;
}

export class Expectations {
  private readonly byKey = new Map<string, Expectation>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Satisfied (or expired, or never set): the controller may act again. */
  satisfied(key: string): boolean {
    const e = this.byKey.get(key);
    if (!e || (e.add <= 0 && e.deletes.size === 0)) return true;
    return this.now() - e.at > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, n: number): void {
    this.byKey.set(key, { add: n, deletes: new Set(), at: this.now() });
  }

  expectDeletions(key: string, podKeys: string[]): void {
    this.byKey.set(key, { add: 0, deletes: new Set(podKeys), at: this.now() });
  }

  creationObserved(key: string): void {
    const e = this.byKey.get(key);
    if (e) e.add--;
  }

  deletionObserved(key: string, podKey: string): void {
    this.byKey.get(key)?.deletes.delete(podKey);
  }

  delete(key: string): void {
    this.byKey.delete(key);
  }
}
