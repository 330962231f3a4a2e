import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without type declarations
import { goTypeName, parseGoSource } from './gen-schema.mjs';

const SRC = `package v1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

type Protocol string

type ResourceList map[ResourceName]resource.Quantity

// PodSpec is a description of a pod.
type PodSpec struct {
	// +optional
	// +patchMergeKey=name
	// +patchStrategy=merge,retainKeys
	// +listType=map
	// +listMapKey=name
	Volumes []Volume \`json:"volumes,omitempty" patchStrategy:"merge,retainKeys" patchMergeKey:"name" protobuf:"bytes,1,rep,name=volumes"\`
	TerminationGracePeriodSeconds *int64 \`json:"terminationGracePeriodSeconds,omitempty" protobuf:"varint,4,opt,name=terminationGracePeriodSeconds"\`
	Overhead ResourceList \`json:"overhead,omitempty" protobuf:"bytes,32,opt,name=overhead"\`
	Selector *metav1.LabelSelector \`json:"selector,omitempty"\`
	ProbeHandler \`json:",inline" protobuf:"bytes,1,opt,name=handler"\`
	metav1.TypeMeta \`json:",inline"\`
}
`;

describe('gen-schema Go source reading', () => {
  it('reads struct tags, markers and named types', () => {
    const { types, aliases } = parseGoSource(SRC);
    expect(types.Protocol).toEqual({ underlying: 'string' });
    const [volumes, grace, overhead, selector, handler, typeMeta] = types.PodSpec.fields;
    expect(volumes).toMatchObject({ goName: 'Volumes', json: 'volumes', ps: 'merge,retainKeys', mk: 'name', lt: 'map', lk: ['name'] });
    expect(goTypeName(grace.type, aliases)).toBe('int64');
    expect(goTypeName(overhead.type, aliases)).toBe('v1.ResourceList');
    expect(goTypeName(types.ResourceList.underlying, aliases)).toBe('map[v1.ResourceName]resource.Quantity');
    expect(goTypeName(selector.type, aliases)).toBe('v1.LabelSelector');
    expect(handler).toMatchObject({ inline: true, type: 'ProbeHandler' });
    expect(typeMeta).toMatchObject({ inline: true, type: 'metav1.TypeMeta' });
  });

  it('prints Go types as reflect does', () => {
    expect(goTypeName('[]byte', { '': 'v1' })).toBe('[]uint8');
    expect(goTypeName('map[string]string', { '': 'v1' })).toBe('map[string]string');
    expect(goTypeName('*intstr.IntOrString', { '': 'v1' })).toBe('intstr.IntOrString');
  });
});
