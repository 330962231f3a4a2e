// What "reset" needs beyond reading: write API objects and files. Implemented
// by live-access.ts; tests pass fakes.
import type { KubeObject } from '../../cluster/api/types';
import type { HostName } from '../topology/plan';
import type { ExecResult, LabAccess } from './checks/access';
import type { ResourceKind } from './checks/spec';

export interface LabControl extends LabAccess {
  create(object: KubeObject): Promise<KubeObject>;
  /** false when it was already gone. */
  delete(kind: ResourceKind, namespace: string | undefined, name: string, options?: { gracePeriodSeconds?: number; propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' }): Promise<boolean>;
  patch(kind: ResourceKind, namespace: string | undefined, name: string, mergePatch: unknown): Promise<KubeObject>;
  /** Writes files into a host, creating or replacing them. */
  putFiles(host: HostName, files: { path: string; content: string }[]): Promise<void>;
  /** As execPod, as root and with input: reset writes into pods. */
  execPodAsRoot(namespace: string, pod: string, argv: string[], stdin?: string): Promise<ExecResult>;
}
