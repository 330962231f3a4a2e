// A cluster view as the lab shows it in the middle of the lesson, for the diagram tests.
import type { ClusterView, LessonDiagram, PodView, ServiceView } from '../../../shared/api';

const pod = (name: string, ip: string, node: string): PodView => ({ namespace: 'default', name, node, ip, status: 'Running', ready: '1/1', restarts: 0, labels: { app: 'webui' } });

const svc = (name: string, type: string, clusterIP: string, extra: Partial<ServiceView> = {}): ServiceView => ({
  namespace: 'default',
  name,
  type,
  clusterIP,
  externalIP: '<none>',
  ports: [{ protocol: 'TCP', port: 80, targetPort: '80' }],
  selector: { app: 'webui' },
  endpoints: [
    { ip: '10.244.1.5', ready: true, pod: 'webui-a', node: 'node1', ports: [80] },
    { ip: '10.244.2.6', ready: true, pod: 'webui-b', node: 'node2', ports: [80] },
    { ip: '10.244.2.7', ready: true, pod: 'webui-c', node: 'node2', ports: [80] },
  ],
  ...extra,
});

export const LIVE: ClusterView = {
  state: 'live',
  apiServer: 'http://127.0.0.1:16443',
  hosts: [
    { name: 'master', ip: '10.100.0.104', state: 'running' },
    { name: 'node1', ip: '10.100.0.101', state: 'running' },
    { name: 'node2', ip: '10.100.0.102', state: 'running' },
    { name: 'station', ip: '10.100.0.200', state: 'running' },
    { name: 'cloud', ip: '10.100.0.250', state: 'running' },
  ],
  nodes: [
    { name: 'master', ip: '10.100.0.104', ready: true, roles: ['control-plane'] },
    { name: 'node1', ip: '10.100.0.101', ready: true, roles: [] },
    { name: 'node2', ip: '10.100.0.102', ready: true, roles: [] },
  ],
  pods: [pod('webui-c', '10.244.2.7', 'node2'), pod('webui-a', '10.244.1.5', 'node1'), pod('webui-b', '10.244.2.6', 'node2'), { ...pod('webui-old', '10.244.1.2', 'node1'), status: 'Terminating' }],
  services: [
    svc('clusterip-service', 'ClusterIP', '10.100.100.100'),
    svc('nodeport-service', 'NodePort', '10.103.4.5', { ports: [{ protocol: 'TCP', port: 80, targetPort: '80', nodePort: 30200 }] }),
    svc('loadbalancer-service', 'LoadBalancer', '10.99.1.2', { externalIP: '10.100.0.240', ports: [{ protocol: 'TCP', port: 80, targetPort: '80', nodePort: 31234 }] }),
    svc('externalname-svc', 'ExternalName', '', { externalIP: 'web.cloud.test', ports: [], selector: {}, endpoints: [] }),
    svc('headless-service', 'ClusterIP', 'None'),
  ],
};

export const EMPTY: ClusterView = { ...LIVE, pods: [], services: [] };

const role = { ko: '역할', en: 'role' };
const text = { ko: '', en: '' };
export const diagram = (kind: LessonDiagram['kind'], shows: LessonDiagram['shows']): LessonDiagram => ({ kind, caption: text, empty: text, shows: shows.map((o) => ({ ...o, role })) });
