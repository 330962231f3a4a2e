import { describe, expect, it } from 'vitest';
import { findPodContainer } from './pod-container';

const c = (name: string, pod: string, ns: string, kind: string, extra: Record<string, string> = {}, state = 'running') => ({
  name,
  state,
  labels: { 'io.kubelab.role': 'pod', 'io.kubelab.pod.name': pod, 'io.kubelab.pod.namespace': ns, 'io.kubelab.container.kind': kind, ...extra },
});

describe('findPodContainer', () => {
  it("finds the pod's running app container in its namespace, not its sandbox or init container", () => {
    const list = [
      c('kubelab-node1-webui-a-sandbox', 'webui-a', 'default', 'sandbox'),
      c('kubelab-node1-webui-a-init', 'webui-a', 'default', 'init', {}, 'exited'),
      c('kubelab-node1-webui-a-web-0', 'webui-a', 'default', 'container', { 'io.kubelab.container.restart-count': '0' }, 'exited'),
      c('kubelab-node1-webui-a-web-1', 'webui-a', 'default', 'container', { 'io.kubelab.container.restart-count': '1', 'io.kubelab.container.exec-user': '101' }),
      c('kubelab-node2-webui-a-web-0', 'webui-a', 'other', 'container'),
    ];
    expect(findPodContainer(list, 'default', 'webui-a')).toEqual({ container: 'kubelab-node1-webui-a-web-1', user: '101' });
    expect(findPodContainer(list, 'other', 'webui-a')).toEqual({ container: 'kubelab-node2-webui-a-web-0', user: undefined });
  });

  it('knows nothing of hosts or of pods it has no container for', () => {
    const host = { name: 'kubelab-master', state: 'running', labels: { 'io.kubelab.role': 'host', 'io.kubelab.pod.name': 'dns' } };
    expect(findPodContainer([host], 'kube-system', 'dns')).toBeUndefined();
    expect(findPodContainer([c('x', 'a', 'default', 'sandbox')], 'default', 'a')).toBeUndefined();
  });
});
