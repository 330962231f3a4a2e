// printers_test.go TestPrintDeployment and TestPrintReplicaSet.

import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../types';
import { deploymentPrinter } from './deployment';
import { replicaSetPrinter } from './replicaset';

const now = new Date('2025-01-01T12:00:00Z');
// Upstream's tests create these 1.9s in the future: clock skew that still reads "0s".
const soon = new Date(now.getTime() + 1900).toISOString();
const template = {
  spec: {
    containers: [
      { name: 'fake-container1', image: 'fake-image1' },
      { name: 'fake-container2', image: 'fake-image2' },
    ],
  },
};

describe('printDeployment (TestPrintDeployment)', () => {
  const d: Deployment = {
    metadata: { name: 'test1', creationTimestamp: soon },
    spec: { replicas: 5, template, selector: { matchLabels: { foo: 'bar' } } },
    status: { replicas: 10, updatedReplicas: 2, availableReplicas: 1, unavailableReplicas: 4 },
  };

  it('prints ready/desired, up-to-date and available', () => {
    expect(deploymentPrinter.print(d, { wide: false, now }).cells).toEqual(['test1', '0/5', 2, 1, '0s']);
  });

  it('wide adds containers, images and the selector', () => {
    expect(deploymentPrinter.print(d, { wide: true, now }).cells).toEqual([
      'test1',
      '0/5',
      2,
      1,
      '0s',
      'fake-container1,fake-container2',
      'fake-image1,fake-image2',
      'foo=bar',
    ]);
  });

  it('defaults replicas to 1; an empty selector prints empty, an invalid one <invalid>', () => {
    const bare: Deployment = { metadata: { name: 'webui' }, spec: { selector: {}, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.14' }] } } } };
    expect(deploymentPrinter.print(bare, { wide: true, now }).cells).toEqual(['webui', '0/1', 0, 0, '<unknown>', 'nginx', 'nginx:1.14', '']);
    const bad: Deployment = { ...bare, spec: { ...bare.spec, selector: { matchExpressions: [{ key: 'a', operator: 'In' }] } } };
    expect(deploymentPrinter.print(bad, { wide: true, now }).cells[7]).toBe('<invalid>');
  });
});

describe('printReplicaSet (TestPrintReplicaSet)', () => {
  const rs: ReplicaSet = {
    metadata: { name: 'test1', creationTimestamp: soon },
    spec: { replicas: 5, template, selector: { matchLabels: { foo: 'bar' } } },
    status: { replicas: 5, readyReplicas: 2 },
  };

  it('prints desired, current and ready as numbers', () => {
    expect(replicaSetPrinter.print(rs, { wide: false, now }).cells).toEqual(['test1', 5, 5, 2, '0s']);
  });

  it('wide adds containers, images and the selector', () => {
    expect(replicaSetPrinter.print(rs, { wide: true, now }).cells).toEqual([
      'test1',
      5,
      5,
      2,
      '0s',
      'fake-container1,fake-container2',
      'fake-image1,fake-image2',
      'foo=bar',
    ]);
  });

  it('prints <none> for an empty selector', () => {
    const empty: ReplicaSet = { ...rs, spec: { ...rs.spec, selector: {} } };
    expect(replicaSetPrinter.print(empty, { wide: true, now }).cells[7]).toBe('<none>');
  });
});
