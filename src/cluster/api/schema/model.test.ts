import { describe, expect, it } from 'vitest';
import { definition, definitionNames, parseType, type TypeRef } from './model';
import { KINDS } from './kinds';

describe('schema model', () => {
  it('every field type resolves and every served kind has a definition', () => {
    for (const name of definitionNames()) {
      const def = definition(name)!;
      for (const f of def.fields.values()) expect(f.type.kind, `${name}.${f.name}`).toBeDefined();
    }
    for (const k of KINDS) expect(definition(k.definition), k.definition).toBeDefined();
  });

  it('knows the whole pod spec, not only what the lab uses', () => {
    const spec = definition('core.v1.PodSpec')!;
    for (const f of ['affinity', 'volumes', 'securityContext', 'topologySpreadConstraints', 'dnsConfig', 'hostAliases', 'readinessGates', 'overhead', 'os']) {
      expect(spec.fields.has(f), f).toBe(true);
    }
    expect(definition('core.v1.Probe')!.fields.has('grpc')).toBe(true);
    expect(definition('core.v1.Volume')!.fields.has('persistentVolumeClaim')).toBe(true);
  });

  it('carries upstream struct tags for patches', () => {
    const f = (d: string, n: string) => definition(d)!.fields.get(n)!;
    expect(f('core.v1.PodSpec', 'containers')).toMatchObject({ patchStrategies: ['merge'], patchMergeKey: 'name' });
    expect(f('core.v1.PodSpec', 'volumes')).toMatchObject({ patchStrategies: ['merge', 'retainKeys'], patchMergeKey: 'name' });
    expect(f('core.v1.Container', 'ports')).toMatchObject({ patchStrategies: ['merge'], patchMergeKey: 'containerPort' });
    expect(f('core.v1.ServiceSpec', 'ports')).toMatchObject({ patchStrategies: ['merge'], patchMergeKey: 'port' });
    expect(f('meta.v1.ObjectMeta', 'finalizers')).toMatchObject({ patchStrategies: ['merge'] });
    expect(f('meta.v1.ObjectMeta', 'ownerReferences')).toMatchObject({ patchMergeKey: 'uid' });
    expect(f('apps.v1.DeploymentSpec', 'strategy')).toMatchObject({ patchStrategies: ['retainKeys'] });
    expect(f('core.v1.PodSpec', 'tolerations').patchStrategies).toEqual([]);
  });

  it('has Go names for error texts', () => {
    const t = (d: string, n: string): TypeRef => definition(d)!.fields.get(n)!.type;
    expect(t('core.v1.ServicePort', 'port')).toEqual({ kind: 'scalar', name: 'int32', go: 'int32' });
    expect(t('core.v1.ServicePort', 'protocol').go).toBe('v1.Protocol');
    expect(t('core.v1.ResourceRequirements', 'limits')).toMatchObject({ kind: 'map', go: 'v1.ResourceList', of: { go: 'resource.Quantity' } });
    expect(t('core.v1.Capabilities', 'add')).toMatchObject({ go: '[]v1.Capability', of: { go: 'v1.Capability' } });
    expect(t('meta.v1.ObjectMeta', 'uid').go).toBe('types.UID');
    expect(parseType('[]core.v1.Container').go).toBe('[]v1.Container');
  });
});
