// printers_test.go TestPrintNodeStatus, TestPrintNodeRole, TestPrintNodeOSImage,
// TestPrintNodeKernelVersion, TestPrintNodeContainerRuntimeVersion,
// TestPrintNodeInternalIP, TestPrintNodeExternalIP, TestPrintNamespace.

import { describe, expect, it } from 'vitest';
import type { Namespace, Node, NodeCondition } from '../types';
import { namespacePrinter } from './namespace';
import { nodePrinter } from './node';

const now = new Date('2025-01-01T12:00:00Z');
const node = (n: Partial<Node> & { name: string }): Node => ({
  metadata: { name: n.name, labels: n.metadata?.labels },
  spec: n.spec ?? {},
  status: n.status,
});
const narrow = (n: Node) => nodePrinter.print(n, { wide: false, now }).cells;
const wide = (n: Node) => nodePrinter.print(n, { wide: true, now }).cells;

describe('printNode STATUS (TestPrintNodeStatus)', () => {
  it.each([
    ['foo1', {}, [{ type: 'Ready', status: 'True' }], 'Ready'],
    ['foo2', { unschedulable: true }, [{ type: 'Ready', status: 'True' }], 'Ready,SchedulingDisabled'],
    ['foo3', {}, [{ type: 'Ready', status: 'True' }, { type: 'Ready', status: 'True' }], 'Ready'],
    ['foo4', {}, [{ type: 'Ready', status: 'False' }], 'NotReady'],
    ['foo5', { unschedulable: true }, [{ type: 'Ready', status: 'False' }], 'NotReady,SchedulingDisabled'],
    ['foo6', {}, [{ type: 'InvalidValue', status: 'True' }], 'Unknown'],
    ['foo7', {}, [{}], 'Unknown'],
    ['foo8', { unschedulable: true }, [{ type: 'InvalidValue', status: 'True' }], 'Unknown,SchedulingDisabled'],
    ['foo9', { unschedulable: true }, [{}], 'Unknown,SchedulingDisabled'],
    ['foo10', {}, [{ type: 'Ready', status: 'Unknown' }], 'NotReady'],
  ] as [string, Node['spec'], NodeCondition[], string][])(
    '%s -> %s',
    (name, spec, conditions, status) => {
      expect(narrow(node({ name, spec, status: { conditions } }))).toEqual([name, status, '<none>', '<unknown>', '']);
    },
  );
});

describe('printNode ROLES (TestPrintNodeRole)', () => {
  it.each([
    ['foo9', undefined, '<none>'],
    ['foo10', { 'node-role.kubernetes.io/master': '', 'node-role.kubernetes.io/proxy': '', 'kubernetes.io/role': 'node' }, 'master,node,proxy'],
    ['foo11', { 'kubernetes.io/role': 'node' }, 'node'],
    ['master', { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/': '' }, 'control-plane'],
  ] as [string, Record<string, string> | undefined, string][])('%s -> %s', (name, labels, roles) => {
    expect(narrow(node({ name, metadata: { name, labels } }))[2]).toBe(roles);
  });
});

describe('printNode wide', () => {
  it('shows addresses, OS, kernel, runtime and the kubelet version', () => {
    const n = node({
      name: 'node1',
      metadata: { name: 'node1', labels: {} },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [
          { type: 'Hostname', address: 'node1' },
          { type: 'InternalIP', address: '10.100.0.101' },
          { type: 'InternalIP', address: '10.100.0.111' },
          { type: 'ExternalIP', address: '1.1.1.1' },
        ],
        nodeInfo: { kubeletVersion: 'v1.35.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0-18-amd64', containerRuntimeVersion: 'docker://20.10.24' },
      },
    });
    expect(wide(n)).toEqual([
      'node1',
      'Ready',
      '<none>',
      '<unknown>',
      'v1.35.0',
      '10.100.0.101',
      '1.1.1.1',
      'Debian GNU/Linux 12 (bookworm)',
      '6.1.0-18-amd64',
      'docker://20.10.24',
    ]);
  });

  it('prints <none> for missing addresses and <unknown> for missing node info', () => {
    expect(wide(node({ name: 'foo1' })).slice(5)).toEqual(['<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });
});

describe('printNamespace (TestPrintNamespace)', () => {
  it.each([
    [{ metadata: { name: 'namespace1', creationTimestamp: new Date(now.getTime() + 1900).toISOString() }, status: { phase: 'Active' } }, ['namespace1', 'Active', '0s']],
    [{ metadata: { name: 'namespace2', creationTimestamp: new Date(now.getTime() - 300 * 365 * 86400_000).toISOString() }, status: { phase: 'Terminating' } }, ['namespace2', 'Terminating', '300y']],
    [{ metadata: { name: 'namespace3' } }, ['namespace3', '', '<unknown>']],
  ] as [Namespace, unknown[]][])('%#', (ns, cells) => {
    expect(namespacePrinter.print(ns, { wide: true, now }).cells).toEqual(cells);
  });
});
