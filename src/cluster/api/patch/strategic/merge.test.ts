// Upstream's strategic merge patch cases (strategicpatch/patch_test.go): every
// two-way and three-way patch applied to its document must give upstream's result.
import { describe, expect, it } from 'vitest';
import cases from '../testdata/upstream-smp-cases.json';
import { mergeMap, SERVER_SIDE, SmpError } from './merge';
import type { LookupPatchMeta, PatchMeta } from './meta';
import { goFormat } from '../go-format';

// The test types of patch_test.go: MergeItem and RetainKeysMergeItem with their struct tags.
type FieldSpec = { type: 'string' | 'int' | 'map' | 'raw' | 'MergeItem' | 'RetainKeysMergeItem'; list?: boolean; ps?: string; mk?: string };
const MERGE_ITEM: Record<string, FieldSpec> = {
  name: { type: 'string' }, value: { type: 'string' }, other: { type: 'string' },
  mergingList: { type: 'MergeItem', list: true, ps: 'merge', mk: 'name' },
  nonMergingList: { type: 'MergeItem', list: true },
  mergingIntList: { type: 'int', list: true, ps: 'merge' },
  nonMergingIntList: { type: 'int', list: true },
  mergeItemPtr: { type: 'MergeItem', ps: 'merge', mk: 'name' },
  simpleMap: { type: 'map' },
  replacingItem: { type: 'raw', ps: 'replace' },
  retainKeysMap: { type: 'RetainKeysMergeItem', ps: 'retainKeys' },
  retainKeysMergingList: { type: 'MergeItem', list: true, ps: 'merge,retainKeys', mk: 'name' },
};
const RETAIN_KEYS_ITEM: Record<string, FieldSpec> = {
  name: { type: 'string' }, value: { type: 'string' }, other: { type: 'string' },
  simpleMap: { type: 'map' },
  mergingIntList: { type: 'int', list: true, ps: 'merge' },
  mergingList: { type: 'MergeItem', list: true, ps: 'merge', mk: 'name' },
  nonMergingList: { type: 'MergeItem', list: true },
};

class TestMeta implements LookupPatchMeta {
  constructor(private readonly t: FieldSpec['type'] | 'slice') {}
  forStruct(key: string): [LookupPatchMeta, PatchMeta] {
    const fields = this.t === 'MergeItem' ? MERGE_ITEM : this.t === 'RetainKeysMergeItem' ? RETAIN_KEYS_ITEM : this.t === 'raw' ? {} : undefined;
    if (!fields) throw new Error(`merging an object in json but data type is not struct, instead is: ${this.t}`);
    const f = fields[key];
    if (!f) throw new Error(`unable to find api field in struct ${this.t} for the json field "${key}"`);
    return [new TestMeta(f.list ? 'slice' : f.type), { strategies: f.ps ? f.ps.split(',') : [], mergeKey: f.mk ?? '' }];
  }
  forSlice(key: string): [LookupPatchMeta, PatchMeta] {
    const fields = this.t === 'MergeItem' ? MERGE_ITEM : RETAIN_KEYS_ITEM;
    const f = fields[key];
    if (!f) throw new Error(`unable to find api field in struct ${this.t} for the json field "${key}"`);
    return [new TestMeta(f.type), { strategies: f.ps ? f.ps.split(',') : [], mergeKey: f.mk ?? '' }];
  }
  name(): string {
    return this.t === 'int' ? 'int' : 'struct';
  }
}
const schema = new TestMeta('MergeItem');

// sortMergeListsByName: what the upstream test does to the YAML cases before using them.
function sortScalars(s: unknown[]): unknown[] {
  return [...s].sort((a, b) => (goFormat(a) < goFormat(b) ? -1 : goFormat(a) > goFormat(b) ? 1 : 0));
}
function sortMap(m: Record<string, unknown>, meta: LookupPatchMeta): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) {
    let nv = v;
    if (k === '$retainKeys' || k.startsWith('$deleteFromPrimitiveList')) nv = sortScalars(v as unknown[]);
    else if (k.startsWith('$setElementOrder') || k === '$patch') nv = v;
    else if (v && typeof v === 'object' && !Array.isArray(v)) nv = sortMap(v as Record<string, unknown>, meta.forStruct(k)[0]);
    else if (Array.isArray(v)) {
      const [sub, pm] = meta.forSlice(k);
      if (pm.strategies.includes('merge') && v.length) {
        if (v[0] && typeof v[0] === 'object') {
          const items = v.map((e) => sortMap(e as Record<string, unknown>, sub));
          nv = items.sort((a, b) => (goFormat(a[pm.mergeKey]) < goFormat(b[pm.mergeKey]) ? -1 : goFormat(a[pm.mergeKey]) > goFormat(b[pm.mergeKey]) ? 1 : 0));
        } else {
          nv = sortScalars([...new Set(v)]);
        }
      }
    }
    out[k] = nv;
  }
  return out;
}

interface Case {
  description: string;
  original?: Record<string, unknown>;
  twoWay?: Record<string, unknown>;
  modified?: Record<string, unknown>;
  twoWayResult?: Record<string, unknown>;
  current?: Record<string, unknown>;
  threeWay?: Record<string, unknown>;
  result?: Record<string, unknown>;
  expectedError?: string;
}

const clone = <T>(v: T): T => structuredClone(v);
const apply = (doc: Record<string, unknown> | undefined, patch: Record<string, unknown>) => mergeMap(clone(doc ?? {}), clone(patch), schema, SERVER_SIDE);

function run(set: Case[], sorted: boolean) {
  const prep = (o: Record<string, unknown> | undefined) => (o && sorted ? sortMap(o, schema) : o);
  for (const c of set) {
    if (c.twoWay) {
      it(`two-way: ${c.description}`, () => {
        if (c.expectedError) {
          expect(() => apply(prep(c.original), prep(c.twoWay)!)).toThrow(c.expectedError);
          return;
        }
        expect(apply(prep(c.original), prep(c.twoWay)!)).toEqual(prep(c.twoWayResult ?? c.modified ?? {}));
      });
    }
    if (c.threeWay && c.result && !c.expectedError) {
      it(`three-way: ${c.description}`, () => {
        expect(apply(prep(c.current), prep(c.threeWay)!)).toEqual(prep(c.result));
      });
    }
  }
}

describe('strategic merge patch: upstream cases', () => {
  run(cases.sorted.custom as Case[], true);
  run(cases.sorted.create as Case[], true);
  run(cases.raw.custom as Case[], false);
  run(cases.raw.create as Case[], false);
  run(cases.raw.rawExtension as Case[], false);
});

describe('strategic merge patch: errors and directives', () => {
  it('a merging list item without its merge key', () => {
    expect(() => apply({ mergingList: [{ name: 'a' }] }, { mergingList: [{ value: 'b' }] })).toThrow(
      new SmpError('map: map[value:b] does not contain declared merge key: name'),
    );
  });

  it('an unknown $patch directive', () => {
    expect(() => apply({}, { simpleMap: { $patch: 'frob' } })).not.toThrow();
    expect(() => apply({ simpleMap: { a: '1' } }, { simpleMap: { $patch: 'frob' } })).toThrow('unknown patch type: frob in map: map[$patch:frob]');
  });

  it('lists of lists are refused as unprocessable', () => {
    let err: unknown;
    try {
      apply({ mergingIntList: [[1]] }, { mergingIntList: [[2]] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SmpError);
    expect((err as SmpError).errorClass).toBe('unprocessable');
    expect((err as SmpError).message).toBe('lists of lists are not supported');
  });

  it('$retainKeys must list every key the patch sets', () => {
    expect(() => apply({ retainKeysMap: { name: 'a' } }, { retainKeysMap: { $retainKeys: ['name'], value: 'x' } })).toThrow('invalid patch format of retainKeys');
    expect(apply({ retainKeysMap: { name: 'a', other: 'o' } }, { retainKeysMap: { $retainKeys: ['name', 'value'], value: 'x' } })).toEqual({
      retainKeysMap: { name: 'a', value: 'x' },
    });
  });

  it('a $deleteFromPrimitiveList key needs its list name', () => {
    expect(() => apply({ mergingIntList: [1] }, { $deleteFromPrimitiveList: [1] })).toThrow('invalid patch format of primitive list');
  });

  it('does not change its arguments beyond the documented original', () => {
    const patch = { mergingList: [{ name: 'b' }] };
    const before = JSON.stringify(patch);
    apply({ mergingList: [{ name: 'a' }] }, patch);
    expect(JSON.stringify(patch)).toBe(before);
  });
});
