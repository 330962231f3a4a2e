// The lesson engine's hands on the live lab: the API server on the desktop's
// published port (plain HTTP, as `kubelab kubeconfig` says), and Docker for
// running commands in hosts and in pods' containers.
import type Docker from 'dockerode';
import type { KubeList, KubeObject } from '../../cluster/api/types';
import { LABEL, POD_ROLE } from '../../cluster/kubelet/runtime/labels';
import { R, RestClient, isNotFound, resourcePath, type ResourceRef } from '../../cluster/client/rest';
import { execIn, type ExecResult } from '../docker/exec';
import { makeTar } from '../docker/tar';
import type { HostName } from '../topology/plan';
import type { ResourceKind } from './checks/spec';
import type { LabControl } from './control';

const REFS: Record<ResourceKind, ResourceRef> = {
  Pod: R.pods,
  Service: R.services,
  Deployment: R.deployments,
  ReplicaSet: R.replicasets,
  EndpointSlice: R.endpointslices,
  Endpoints: R.endpoints,
  Node: R.nodes,
  Namespace: R.namespaces,
};

export function refOf(kind: string): ResourceRef {
  const ref = REFS[kind as ResourceKind];
  if (!ref) throw new Error(`the lesson engine does not handle ${kind} objects`);
  return ref;
}

const API_TIMEOUT_MS = 5_000;

export class LiveLab implements LabControl {
  private readonly api: RestClient;

  constructor(
    private readonly docker: Docker,
    private readonly lab: string,
    apiServer: string,
  ) {
    this.api = new RestClient(apiServer, 'kubelab-lesson');
  }

  private call<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    return this.api.request<T>(method, path, body, contentType, API_TIMEOUT_MS);
  }

  async get(kind: ResourceKind, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    try {
      return await this.call<KubeObject>('GET', resourcePath(refOf(kind), namespace, name));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async list(kind: ResourceKind, namespace: string | undefined, labelSelector?: string): Promise<KubeObject[]> {
    const q = labelSelector ? `?${new URLSearchParams({ labelSelector })}` : '';
    return (await this.call<KubeList>('GET', resourcePath(refOf(kind), namespace) + q)).items ?? [];
  }

  create(object: KubeObject): Promise<KubeObject> {
    return this.call('POST', resourcePath(refOf(object.kind ?? ''), object.metadata.namespace ?? 'default'), object);
  }

  async delete(kind: ResourceKind, namespace: string | undefined, name: string, options: { gracePeriodSeconds?: number; propagationPolicy?: string } = {}): Promise<boolean> {
    try {
      await this.call('DELETE', resourcePath(refOf(kind), namespace, name), { kind: 'DeleteOptions', apiVersion: 'v1', ...options });
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  patch(kind: ResourceKind, namespace: string | undefined, name: string, mergePatch: unknown): Promise<KubeObject> {
    return this.call('PATCH', resourcePath(refOf(kind), namespace, name), mergePatch, 'application/merge-patch+json');
  }

  execHost(host: HostName, argv: string[], timeoutMs = 5_000): Promise<ExecResult> {
    return execIn(this.docker, `${this.lab}-${host}`, argv, { timeoutMs, workingDir: '/root' });
  }

  /** The pod's first app container (not its sandbox), preferring a running one over a dead predecessor. */
  private async podContainer(namespace: string, pod: string): Promise<{ id: string; execUser?: string }> {
    const filters = JSON.stringify({
      label: [`${LABEL.lab}=${this.lab}`, `${LABEL.role}=${POD_ROLE}`, `${LABEL.podNamespace}=${namespace}`, `${LABEL.podName}=${pod}`, `${LABEL.kind}=container`],
    });
    const found = await this.docker.listContainers({ all: true, filters });
    const best = found.find((c) => c.State === 'running') ?? found[0];
    if (!best) throw new Error(`no container of pod ${namespace}/${pod} in Docker`);
    return { id: best.Id, execUser: best.Labels[LABEL.execUser] };
  }

  async execPod(namespace: string, pod: string, argv: string[], timeoutMs = 5_000): Promise<ExecResult> {
    const c = await this.podContainer(namespace, pod);
    // As `kubectl exec` would: the user the real image runs commands as.
    return execIn(this.docker, c.id, argv, { timeoutMs, user: c.execUser });
  }

  async execPodAsRoot(namespace: string, pod: string, argv: string[], stdin?: string): Promise<ExecResult> {
    const c = await this.podContainer(namespace, pod);
    return execIn(this.docker, c.id, argv, { timeoutMs: 5_000, user: '0', stdin });
  }

  async putFiles(host: HostName, files: { path: string; content: string }[]): Promise<void> {
    const tar = makeTar(files.map((f) => ({ name: f.path.replace(/^\//, ''), data: f.content, mode: 0o644 })));
    await this.docker.getContainer(`${this.lab}-${host}`).putArchive(tar, { path: '/' });
  }
}
