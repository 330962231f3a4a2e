// A lab in memory for unit tests: API objects with instant controllers
// (Deployment -> pods, Service -> EndpointSlice, LoadBalancer -> address),
// kube-proxy's real rule generator behind `iptables-save`, and answers to the
// few commands the checks run (curl, dig, netstat, test, cat). Not a cluster:
// just enough of one that reset and checks can be exercised together.
import type { Deployment, EndpointSlice, KubeObject, Pod, Service } from '../../../cluster/api/types';
import { buildProxyRules } from '../../../cluster/proxy/rules';
import type { HostName } from '../../topology/plan';
import type { ExecResult } from '../checks/access';
import type { ResourceKind } from '../checks/spec';
import type { LabControl } from '../control';
import { matches, parseSelector } from '../facts';

const HOST_IPS: Record<HostName, string> = { master: '10.100.0.104', node1: '10.100.0.101', node2: '10.100.0.102', station: '10.100.0.200', cloud: '10.100.0.250' };
const NODES = ['node1', 'node2'];
export const DEFAULT_PAGE = '<html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>\n';
const CLOUD_PAGE = '<html><body><h1>web.cloud.test</h1></body></html>\n';

const ok = (stdout = ''): ExecResult => ({ exitCode: 0, stdout, stderr: '' });
const fail = (exitCode: number, stderr = ''): ExecResult => ({ exitCode, stdout: '', stderr });
const key = (kind: string, ns: string | undefined, name: string) => `${kind}/${ns ?? ''}/${name}`;
const CLUSTER_SCOPED = new Set(['Node', 'Namespace']);

export class FakeLab implements LabControl {
  readonly objects = new Map<string, KubeObject>();
  readonly files = new Map<string, string>();
  readonly pages = new Map<string, string>();
  /** A new pod becomes ready only this many API reads after it was made: lets tests see reset wait. */
  podDelay = 0;
  private readyAt = new Map<string, number>();
  /** Every write, for assertions. */
  readonly writes: string[] = [];
  /** No Service of a node runs kube-proxy: its rules stay empty. */
  proxyDown = new Set<string>();
  private nextIP = 10;
  private nextPort = 31000;
  private serial = 0;
  private reads = 0;
  private rr = 0;
  private placed = 0;

  constructor() {
    this.put({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] } });
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) this.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    ['master', ...NODES].forEach((node, i) =>
      this.put({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `kube-proxy-${node}`, namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
        spec: { nodeName: node, containers: [] },
        status: { phase: 'Running', podIP: `10.100.0.10${i}`, conditions: [{ type: 'Ready', status: 'True' }] },
      } as Pod),
    );
  }

  private put(o: KubeObject): void {
    const ns = CLUSTER_SCOPED.has(o.kind!) ? undefined : (o.metadata.namespace ?? 'default');
    o.metadata = { ...o.metadata, namespace: ns, uid: o.metadata.uid ?? `uid-${++this.serial}` };
    this.objects.set(key(o.kind!, ns, o.metadata.name!), o);
  }

  all(kind: string, ns?: string): KubeObject[] {
    return [...this.objects.values()].filter((o) => o.kind === kind && (ns === undefined || o.metadata.namespace === ns));
  }

  /** The controllers, all at once. */
  reconcile(): void {
    for (const d of this.all('Deployment') as Deployment[]) {
      const labels = d.spec.template.metadata?.labels ?? {};
      const mine = (this.all('Pod', d.metadata.namespace) as Pod[]).filter((p) => matches(p.metadata.labels ?? {}, d.spec.selector.matchLabels ?? {}));
      const want = d.spec.replicas ?? 1;
      for (const extra of mine.slice(want)) this.objects.delete(key('Pod', extra.metadata.namespace, extra.metadata.name!));
      for (let i = mine.length; i < want; i++) {
        const node = NODES[this.placed++ % 2]!;
        const ip = `10.244.${node === 'node1' ? 1 : 2}.${this.nextIP++}`;
        const name = `${d.metadata.name}-7d9f-${String(++this.serial).padStart(5, 'x')}`;
        this.readyAt.set(name, this.reads + this.podDelay);
        this.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: d.metadata.namespace, labels }, spec: { nodeName: node, containers: [] }, status: { phase: 'Pending', podIP: ip, conditions: [{ type: 'Ready', status: 'False' }] } } as Pod);
      }
    }
    for (const p of this.all('Pod') as Pod[]) {
      if (p.status?.phase === 'Pending' && (this.readyAt.get(p.metadata.name!) ?? 0) <= this.reads) p.status = { ...p.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
    }
    for (const s of this.all('EndpointSlice')) {
      const svc = s.metadata.labels?.['kubernetes.io/service-name'];
      if (svc !== 'kubernetes' && !this.objects.has(key('Service', s.metadata.namespace, svc ?? ''))) this.objects.delete(key('EndpointSlice', s.metadata.namespace, s.metadata.name!));
    }
    for (const svc of this.all('Service') as Service[]) {
      if (svc.spec.type === 'LoadBalancer' && !svc.status?.loadBalancer?.ingress?.length) svc.status = { loadBalancer: { ingress: [{ ip: '10.100.0.240' }] } };
      if (!svc.spec.selector) continue;
      const pods = (this.all('Pod', svc.metadata.namespace) as Pod[]).filter((p) => matches(p.metadata.labels ?? {}, svc.spec.selector!) && p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
      const slice: EndpointSlice = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: `${svc.metadata.name}-abcde`, namespace: svc.metadata.namespace, labels: { 'kubernetes.io/service-name': svc.metadata.name! } },
        addressType: 'IPv4',
        endpoints: pods.map((p) => ({ addresses: [p.status!.podIP!], conditions: { ready: true }, nodeName: p.spec.nodeName, targetRef: { kind: 'Pod', name: p.metadata.name } })),
        ports: (svc.spec.ports ?? []).map((p) => ({ name: p.name ?? '', port: Number(p.targetPort ?? p.port), protocol: p.protocol ?? 'TCP' })),
      };
      this.put(slice);
    }
  }

  // --- LabAccess ---------------------------------------------------------------

  async get(kind: ResourceKind, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    this.reads++;
    this.reconcile();
    const o = this.objects.get(key(kind, CLUSTER_SCOPED.has(kind) ? undefined : namespace, name));
    return o && structuredClone(o);
  }

  async list(kind: ResourceKind, namespace: string | undefined, labelSelector?: string): Promise<KubeObject[]> {
    this.reads++;
    this.reconcile();
    const selector = labelSelector ? parseSelector(labelSelector) : undefined;
    return this.all(kind, namespace)
      .filter((o) => !selector || matches(o.metadata.labels ?? {}, selector))
      .map((o) => structuredClone(o));
  }

  // --- LabControl --------------------------------------------------------------

  async create(object: KubeObject): Promise<KubeObject> {
    const o = structuredClone(object);
    const k = key(o.kind!, o.metadata.namespace ?? 'default', o.metadata.name!);
    if (this.objects.has(k)) throw Object.assign(new Error(`${o.kind} ${o.metadata.name} already exists`), { code: 409 });
    if (o.kind === 'Service') {
      const spec = (o as Service).spec;
      spec.type ??= 'ClusterIP';
      if (spec.type !== 'ExternalName' && !spec.clusterIP) spec.clusterIP = `10.96.${Math.floor(this.serial / 200)}.${(this.serial++ % 200) + 20}`;
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') for (const p of spec.ports ?? []) p.nodePort ??= this.nextPort++;
    }
    this.writes.push(`create ${o.kind} ${o.metadata.name}`);
    this.put(o);
    this.reconcile();
    return structuredClone(o);
  }

  async delete(kind: ResourceKind, namespace: string | undefined, name: string): Promise<boolean> {
    const k = key(kind, CLUSTER_SCOPED.has(kind) ? undefined : (namespace ?? 'default'), name);
    if (!this.objects.has(k)) return false;
    this.writes.push(`delete ${kind} ${name}`);
    this.objects.delete(k);
    if (kind === 'Pod') this.pages.delete(name);
    return true;
  }

  async patch(kind: ResourceKind, namespace: string | undefined, name: string, mergePatch: unknown): Promise<KubeObject> {
    const o = this.objects.get(key(kind, namespace ?? 'default', name));
    if (!o) throw new Error(`${kind} ${name} not found`);
    const spec = (mergePatch as { spec?: Record<string, unknown> }).spec ?? {};
    Object.assign(o.spec as object, spec);
    this.writes.push(`patch ${kind} ${name}`);
    this.reconcile();
    return structuredClone(o);
  }

  async putFiles(host: HostName, files: { path: string; content: string }[]): Promise<void> {
    for (const f of files) this.files.set(`${host}:${f.path}`, f.content);
  }

  // --- commands ----------------------------------------------------------------

  private services(): Service[] {
    return this.all('Service') as Service[];
  }

  private servingPods(selector: Record<string, string>): Pod[] {
    return (this.all('Pod', 'default') as Pod[]).filter((p) => matches(p.metadata.labels ?? {}, selector) && p.status?.phase === 'Running').sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
  }

  /** What answers `http://target/` from `from` (a host or "pod"). */
  private http(from: string, url: string): { status: number; body: string } {
    const m = /^http:\/\/([^/:]+)(?::(\d+))?/.exec(url);
    if (!m) return { status: 0, body: '' };
    const [host, portText] = [m[1]!, m[2] ?? '80'];
    const port = Number(portText);
    const inside = from !== 'station' && from !== 'cloud';
    const pickFrom = (svc: Service) => {
      const pods = this.servingPods(svc.spec.selector ?? {});
      const pod = pods[this.rr++ % Math.max(1, pods.length)];
      return pod ? { status: 200, body: this.pages.get(pod.metadata.name!) ?? DEFAULT_PAGE } : { status: 0, body: '' };
    };
    if (host === 'externalname-svc.default.svc.cluster.local') return this.services().some((s) => s.spec.type === 'ExternalName') ? { status: 200, body: CLOUD_PAGE } : { status: 0, body: '' };
    const pod = (this.all('Pod', 'default') as Pod[]).find((p) => p.status?.podIP === host);
    if (pod) return inside ? { status: 200, body: this.pages.get(pod.metadata.name!) ?? DEFAULT_PAGE } : { status: 0, body: '' };
    for (const svc of this.services()) {
      if (inside && svc.spec.clusterIP === host && svc.spec.ports?.some((p) => p.port === port)) return pickFrom(svc);
      if (svc.status?.loadBalancer?.ingress?.some((i) => i.ip === host) && svc.spec.ports?.some((p) => p.port === port)) return pickFrom(svc);
      if (Object.values(HOST_IPS).includes(host) && host !== HOST_IPS.station && host !== HOST_IPS.cloud && svc.spec.ports?.some((p) => p.nodePort === port)) return pickFrom(svc);
    }
    return { status: 0, body: '' };
  }

  private curl(from: string, argv: string[]): ExecResult {
    const urls = argv.filter((a) => a.startsWith('http://'));
    let out = '';
    for (const u of urls) {
      const r = this.http(from, u);
      out += `${r.body}\n@@kubelab-probe ${String(r.status).padStart(3, '0')}@@\n`;
      if (r.status === 0 && argv.includes('--fail-early')) break;
    }
    return ok(out);
  }

  private dig(name: string): ExecResult {
    const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local$/.exec(name);
    const svc = m && (this.objects.get(key('Service', m[2], m[1]!)) as Service | undefined);
    const header = (status: string) => `; <<>> DiG 9.18 <<>> ${name}\n;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: 1\n`;
    if (!svc) return { exitCode: 0, stdout: header('NXDOMAIN'), stderr: '' };
    let answer: string[];
    if (svc.spec.type === 'ExternalName') answer = [`${name}. 30 IN CNAME ${svc.spec.externalName}.`, `${svc.spec.externalName}. 0 IN A ${HOST_IPS.cloud}`];
    else if (svc.spec.clusterIP === 'None') answer = this.servingPods(svc.spec.selector ?? {}).map((p) => `${name}. 30 IN A ${p.status!.podIP}`);
    else answer = [`${name}. 30 IN A ${svc.spec.clusterIP}`];
    return ok(`${header('NOERROR')}\n;; ANSWER SECTION:\n${answer.join('\n')}\n\n;; Query time: 1 msec\n`);
  }

  private netstat(host: HostName): ExecResult {
    const lines = ['Active Internet connections (servers and established)', 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name'];
    if (host === 'cloud') {
      for (const svc of this.services()) for (const i of svc.status?.loadBalancer?.ingress ?? []) lines.push(`tcp        0      0 ${i.ip}:80        0.0.0.0:*               LISTEN      77/haproxy`);
    } else if (host !== 'station' && !this.proxyDown.has(host)) {
      for (const svc of this.services()) for (const p of svc.spec.ports ?? []) if (p.nodePort) lines.push(`tcp        0      0 0.0.0.0:${p.nodePort}         0.0.0.0:*               LISTEN      79/kube-proxy`);
    }
    return ok(`${lines.join('\n')}\n`);
  }

  private iptablesSave(host: HostName): ExecResult {
    if (this.proxyDown.has(host)) return ok('*nat\nCOMMIT\n');
    this.reconcile();
    const services = this.services();
    const endpointSlices = this.all('EndpointSlice') as EndpointSlice[];
    return ok(buildProxyRules({ services, endpointSlices, nodeName: host, nodeIPs: [HOST_IPS[host]], clusterCIDR: '10.244.0.0/16' }).payload);
  }

  async execHost(host: HostName, argv: string[]): Promise<ExecResult> {
    const [cmd] = argv;
    if (cmd === 'iptables-save') return this.iptablesSave(host);
    if (cmd === 'netstat') return this.netstat(host);
    if (cmd === 'test') return this.files.has(`${host}:${argv[2]}`) ? ok() : fail(1);
    if (cmd === 'cat') return argv[1] === '/usr/share/nginx/html/index.html' ? ok(DEFAULT_PAGE) : this.files.has(`${host}:${argv[1]}`) ? ok(this.files.get(`${host}:${argv[1]}`)) : fail(1, 'No such file');
    if (cmd === 'curl') return this.curl(host, argv);
    if (cmd === 'dig') return fail(0, 'hosts use the cloud DNS in this fake');
    return fail(127, `${cmd}: not simulated`);
  }

  async execPod(namespace: string, pod: string, argv: string[]): Promise<ExecResult> {
    if (!this.objects.has(key('Pod', namespace, pod))) throw new Error(`no container of pod ${namespace}/${pod} in Docker`);
    const [cmd] = argv;
    if (cmd === 'dig') return this.dig(argv[argv.length - 1]!);
    if (cmd === 'test') return argv[2] === '/usr/share/nginx/html/index.html' ? ok() : fail(1);
    if (cmd === 'curl') return this.curl('pod', argv);
    return fail(127, `${cmd}: not simulated`);
  }

  async execPodAsRoot(namespace: string, pod: string, argv: string[], stdin?: string): Promise<ExecResult> {
    if (!this.objects.has(key('Pod', namespace, pod))) throw new Error(`no container of pod ${namespace}/${pod} in Docker`);
    const script = argv[2] ?? '';
    if (script.startsWith('printf')) this.pages.set(pod, `${argv[4]}\n`);
    else if (script.startsWith('cat >')) this.pages.set(pod, stdin ?? '');
    else return fail(127, 'not simulated');
    this.writes.push(`page ${pod}`);
    return ok();
  }

  /** What a step's command would do, by the step's declared effect (the real commands run in the integration test). */
  async doEffect(effect: { apply: string[]; delete: string[]; podNameFile?: { selector: string } }, manifests: ReadonlyMap<string, { objects: KubeObject[] }>): Promise<void> {
    for (const f of effect.apply) for (const o of manifests.get(f)!.objects) await this.create(o);
    for (const f of effect.delete) for (const o of manifests.get(f)!.objects) await this.delete(o.kind as ResourceKind, o.metadata.namespace, o.metadata.name!);
    if (effect.podNameFile) for (const p of this.servingPods(parseSelector(effect.podNameFile.selector) ?? {})) this.pages.set(p.metadata.name!, `${p.metadata.name}\n`);
  }
}
