import { describe, expect, it } from 'vitest';
import { applyJsonPatch, decodeJsonPatch, JsonPatchError } from './json-patch';
import { parseJsonText } from '../schema/json-ast';

const run = (doc: unknown, patch: string) => applyJsonPatch(structuredClone(doc) as Record<string, unknown>, decodeJsonPatch(parseJsonText(patch))) as Record<string, unknown>;
const fails = (doc: unknown, patch: string) => {
  try {
    run(doc, patch);
  } catch (e) {
    expect(e).toBeInstanceOf(JsonPatchError);
    return (e as Error).message;
  }
  throw new Error('expected the patch to fail');
};

describe('JSON patch (RFC 6902, evanphx/json-patch v4)', () => {
  const deploy = { spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } } } };

  it('add, replace, remove, move, copy and test', () => {
    expect(run(deploy, '[{"op":"replace","path":"/spec/replicas","value":3}]')).toMatchObject({ spec: { replicas: 3 } });
    expect(run(deploy, '[{"op":"add","path":"/spec/template/spec/containers/-","value":{"name":"c"}}]').spec).toMatchObject({
      template: { spec: { containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] } },
    });
    expect(run(deploy, '[{"op":"add","path":"/spec/template/spec/containers/0","value":{"name":"z"}}]').spec).toMatchObject({
      template: { spec: { containers: [{ name: 'z' }, { name: 'a' }, { name: 'b' }] } },
    });
    expect(run(deploy, '[{"op":"remove","path":"/spec/template/spec/containers/-1"}]').spec).toMatchObject({ template: { spec: { containers: [{ name: 'a' }] } } });
    expect(run({ a: { b: 1 } }, '[{"op":"move","from":"/a/b","path":"/c"}]')).toEqual({ a: {}, c: 1 });
    expect(run({ a: { b: [1] } }, '[{"op":"copy","from":"/a/b","path":"/c"}]')).toEqual({ a: { b: [1] }, c: [1] });
    expect(run({ a: 1 }, '[{"op":"test","path":"/a","value":1},{"op":"add","path":"/b~1c","value":2}]')).toEqual({ a: 1, 'b/c': 2 });
    expect(run({ a: {} }, '[{"op":"test","path":"/a/missing","value":null}]')).toEqual({ a: {} });
  });

  it("upstream's errors", () => {
    expect(fails(deploy, '[{"op":"replace","path":"/spec/foo","value":1}]')).toBe('replace operation does not apply: doc is missing key: /spec/foo: missing value');
    expect(fails(deploy, '[{"op":"add","path":"/status/x","value":1}]')).toBe('add operation does not apply: doc is missing path: "/status/x": missing value');
    expect(fails(deploy, '[{"op":"remove","path":"/spec/foo"}]')).toBe("error in remove for path: '/spec/foo': unable to remove nonexistent key: foo: missing value");
    expect(fails(deploy, '[{"op":"add","path":"/spec/template/spec/containers/5","value":{}}]')).toBe(
      "error in add for path: '/spec/template/spec/containers/5': Unable to access invalid index: 5: invalid index referenced",
    );
    expect(fails(deploy, '[{"op":"add","path":"/spec/template/spec/containers/x","value":{}}]')).toBe(
      'error in add for path: \'/spec/template/spec/containers/x\': value was not a proper array index: \'x\': strconv.Atoi: parsing "x": invalid syntax',
    );
    expect(fails(deploy, '[{"op":"test","path":"/spec/replicas","value":2}]')).toBe('testing value /spec/replicas failed: test failed');
    expect(fails(deploy, '[{"op":"test","path":"/spec/replicas","value":1.0}]')).toBe('testing value /spec/replicas failed: test failed');
    expect(fails(deploy, '[{"op":"frob","path":"/a"}]')).toBe('Unexpected kind: frob');
    expect(fails(deploy, '[{"op":"add","value":1}]')).toBe('add operation failed to decode path: missing value');
    expect(fails(deploy, '[{"op":"replace","value":1}]')).toBe('replace operation failed to decode path: operation missing path field: missing value');
    expect(fails(deploy, '[{"op":"move","path":"/a"}]')).toBe('move operation failed to decode from: operation, missing from field: missing value');
  });

  it('bodies of the wrong shape', () => {
    expect(() => decodeJsonPatch(parseJsonText('{"op":"add"}'))).toThrow('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    expect(() => decodeJsonPatch(parseJsonText('["x"]'))).toThrow('json: cannot unmarshal string into Go value of type jsonpatch.Operation');
  });

  it('replacing the root with an object or array', () => {
    expect(run({ a: 1 }, '[{"op":"replace","path":"","value":{"b":2}}]')).toEqual({ b: 2 });
    expect(run({ a: 1 }, '[{"op":"replace","path":"","value":5}]')).toEqual({ a: 1 });
  });
});
