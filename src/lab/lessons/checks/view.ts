// One check run's view of the lab: pods, services and endpoint slices fetched
// at most once per namespace, placeholders resolved from them, and commands
// run "from" a host or a pod. Each run gets a fresh view, so a check never
// answers from stale data.
import type { EndpointSlice, Pod, Service } from '../../../cluster/api/types';
import { podFact, readyAddresses, serviceFact, servingPods, parseSelector, type PodFact, type ServiceFact } from '../facts';
import { namespacesOf, resolveTemplate } from '../placeholders';
import { LessonError, say } from '../say';
import type { ExecResult, LabAccess } from './access';
import type { Origin } from './spec';

const EXEC_TIMEOUT_MS = 5_000;

export class LiveView {
  private readonly pods = new Map<string, Promise<PodFact[]>>();
  private readonly services = new Map<string, Promise<ServiceFact[]>>();
  private readonly slices = new Map<string, Promise<string[]>>();

  constructor(readonly lab: LabAccess) {}

  podsIn(namespace: string): Promise<PodFact[]> {
    let p = this.pods.get(namespace);
    if (!p) this.pods.set(namespace, (p = this.lab.list('Pod', namespace).then((items) => items.map((x) => podFact(x as Pod)))));
    return p;
  }

  servicesIn(namespace: string): Promise<ServiceFact[]> {
    let p = this.services.get(namespace);
    if (!p) this.services.set(namespace, (p = this.lab.list('Service', namespace).then((items) => items.map((x) => serviceFact(x as Service)))));
    return p;
  }

  async service(namespace: string, name: string): Promise<ServiceFact | undefined> {
    return (await this.servicesIn(namespace)).find((s) => s.name === name);
  }

  /** Ready endpoint addresses of a Service, from its EndpointSlices. */
  endpointsOf(namespace: string, service: string): Promise<string[]> {
    const key = `${namespace}/${service}`;
    let p = this.slices.get(key);
    if (!p) {
      p = this.lab.list('EndpointSlice', namespace, `kubernetes.io/service-name=${service}`).then((items) => readyAddresses(items as EndpointSlice[]));
      this.slices.set(key, p);
    }
    return p;
  }

  async resolve(template: string): Promise<string> {
    const namespaces = namespacesOf([template]);
    if (namespaces.length === 0) return template;
    const pods = (await Promise.all(namespaces.map((ns) => this.podsIn(ns)))).flat();
    const services = (await Promise.all(namespaces.map((ns) => this.servicesIn(ns)))).flat();
    return resolveTemplate(template, { pods, services });
  }

  /** The first serving pod of a selector: the one `{pod:SELECTOR:0}` names. */
  async firstPod(namespace: string, selector: string): Promise<PodFact> {
    const pods = servingPods(await this.podsIn(namespace), parseSelector(selector) ?? {});
    if (!pods[0]) throw new LessonError(say(`${selector} 레이블의 준비된 Pod가 없습니다.`, `No ready pod matches ${selector}.`));
    return pods[0];
  }

  async exec(origin: Origin, argv: string[], timeoutMs = EXEC_TIMEOUT_MS): Promise<ExecResult & { where: string }> {
    if ('host' in origin) return { ...(await this.lab.execHost(origin.host, argv, timeoutMs)), where: origin.host };
    const pod = await this.firstPod(origin.namespace, origin.pod);
    return { ...(await this.lab.execPod(origin.namespace, pod.name, argv, timeoutMs)), where: `pod ${pod.name}` };
  }
}

/** "not found" from an exec: the tool is missing in that image (e.g. no curl in a real nginx image). */
export function missingTool(r: ExecResult, tool: string): boolean {
  return r.exitCode === 126 || r.exitCode === 127 || new RegExp(`${tool}.*(not found|no such file)`, 'i').test(r.stderr + r.stdout);
}
