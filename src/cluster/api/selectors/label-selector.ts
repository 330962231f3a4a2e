// A parsed label selector (apimachinery labels.Selector): an AND of
// requirements kept sorted by key, as upstream keeps them.

import { compareGoStrings } from './go-format';
import { requirementMatches, requirementString, type Requirement } from './label-requirement';

export class Selector {
  /** `nothing` is labels.Nothing(): what a nil metav1.LabelSelector converts to. */
  private constructor(
    readonly requirements: readonly Requirement[],
    private readonly nothing: boolean,
  ) {}

  static everything(): Selector {
    return new Selector([], false);
  }

  static nothing(): Selector {
    return new Selector([], true);
  }

  /** Selector.Add: requirements are re-sorted by key (a stable sort, as Go's is for short lists). */
  static of(requirements: readonly Requirement[]): Selector {
    return new Selector(
      [...requirements].sort((a, b) => compareGoStrings(a.key, b.key)),
      false,
    );
  }

  matches(labels: Readonly<Record<string, string>> | undefined): boolean {
    if (this.nothing) return false;
    const set = labels ?? {};
    return this.requirements.every((r) => requirementMatches(r, set));
  }

  /** True when the selector does not restrict anything (labels.Everything()). */
  empty(): boolean {
    return !this.nothing && this.requirements.length === 0;
  }

  /** True for labels.Nothing(), which selects no object at all. */
  matchesNothing(): boolean {
    return this.nothing;
  }

  /** The value a requirement pins a key to (`key=v`, `key==v`, `key in (v)`), if any. */
  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find((req) => req.key === key);
    if (!r) return undefined;
    if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
    return undefined;
  }

  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }
}
