// What the lesson engine needs from the live lab, and nothing more: read API
// objects, run a command in a host or in a pod's container. live-access.ts
// implements it over the API server and Docker; tests pass fakes.
import type { KubeObject } from '../../../cluster/api/types';
import type { HostName } from '../../topology/plan';
import type { ResourceKind } from './spec';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface LabAccess {
  /** undefined when the object does not exist. */
  get(kind: ResourceKind, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
  list(kind: ResourceKind, namespace: string | undefined, labelSelector?: string): Promise<KubeObject[]>;
  execHost(host: HostName, argv: string[], timeoutMs?: number): Promise<ExecResult>;
  /** Runs in the pod's (first) container, found by the labels the kubelet sets. */
  execPod(namespace: string, pod: string, argv: string[], timeoutMs?: number): Promise<ExecResult>;
}
