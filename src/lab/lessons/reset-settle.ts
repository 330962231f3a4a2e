// After reset's writes, the cluster takes a moment to catch up: pods start,
// endpoints fill, the cloud hands out an address, kube-proxy rewrites rules.
// One pass of `settle` looks at all of it, finishes what only reset can do
// (pod pages, stray pods), and says what is still pending.
import type { Deployment, KubeObject } from '../../cluster/api/types';
import type { HostName } from '../topology/plan';
import { parseIptablesSave } from '../bridge/traffic/iptables';
import { serviceChains } from '../bridge/traffic/service-chains';
import { curlEach, parseCurlOutput } from './checks/curl';
import { compareAddresses, matches, parseSelector, servingPods, type PodFact } from './facts';
import { LiveView } from './checks/view';
import type { LabControl } from './control';
import type { Text } from './model';
import type { PagePlan, ResetPlan } from './reset-plan';
import { deletePods, podLabelsOf } from './reset-objects';
import { say } from './say';

const NODES: HostName[] = ['master', 'node1', 'node2'];

/** What stays true across passes: pages already written, the image's own page once read. */
export interface SettleState {
  pagesWritten: Set<string>;
  /** Pages found right already: not written. */
  pagesRight: Set<string>;
  defaultPage?: string;
}

const FALLBACK_PAGE = '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n';

async function imagePage(lab: LabControl, state: SettleState, path: string): Promise<string> {
  // The hosts run the same image as the stand-in pods: master still has the untouched page.
  if (state.defaultPage === undefined) {
    const r = await lab.execHost('master', ['cat', path]);
    state.defaultPage = r.exitCode === 0 && r.stdout ? r.stdout : FALLBACK_PAGE;
  }
  return state.defaultPage;
}

/** Writes the pages not written yet; answers how many pods still lack theirs. */
async function writePages(lab: LabControl, view: LiveView, plan: PagePlan, state: SettleState): Promise<number> {
  const pods = servingPods(await view.podsIn('default'), parseSelector(plan.selector) ?? {});
  const key = (pod: string) => `${pod} ${plan.path} ${plan.named}`;
  let todo = pods.filter((p) => !state.pagesWritten.has(key(p.name)) && !state.pagesRight.has(key(p.name)));
  const page = plan.named ? '' : await imagePage(lab, state, plan.path);
  // Look before writing: pages already right stay untouched, so a second reset changes nothing.
  if (todo.length) {
    const seen = parseCurlOutput((await lab.execHost('master', curlEach(todo.map((p) => `http://${p.ip}/`)))).stdout);
    const right = (p: PodFact, i: number) => seen[i]?.status === 200 && (plan.named ? seen[i]!.body.trim() === p.name : seen[i]!.body === page);
    for (const [i, p] of todo.entries()) if (right(p, i)) state.pagesRight.add(key(p.name));
    todo = todo.filter((p) => !state.pagesRight.has(key(p.name)));
  }
  await Promise.all(
    todo.map(async (p) => {
      const r = plan.named
        ? await lab.execPodAsRoot('default', p.name, ['sh', '-c', 'printf "%s\\n" "$1" > "$2"', 'sh', p.name, plan.path])
        : await lab.execPodAsRoot('default', p.name, ['sh', '-c', 'cat > "$1"', 'sh', plan.path], page);
      if (r.exitCode === 0) state.pagesWritten.add(key(p.name));
    }),
  );
  return pods.filter((p) => !state.pagesWritten.has(key(p.name)) && !state.pagesRight.has(key(p.name))).length;
}

async function rulesPending(lab: LabControl, services: { name: string; endpoints: string[] }[]): Promise<Text[]> {
  if (services.length === 0) return [];
  const pending: Text[] = [];
  await Promise.all(
    NODES.map(async (node) => {
      const r = await lab.execHost(node, ['iptables-save', '-t', 'nat']);
      const rules = parseIptablesSave(r.stdout);
      for (const s of services) {
        const chains = serviceChains(rules, 'default', s.name);
        const dnat = [...new Set([...chains.seps.values()].map((x) => (x.toDestination ?? '').replace(/:\d+$/, '')))].sort(compareAddresses);
        if (chains.entries.length === 0 || dnat.join(' ') !== s.endpoints.join(' ')) {
          pending.push(say(`${node}의 kube-proxy가 ${s.name} 규칙을 쓰는 중`, `kube-proxy on ${node} writing the rules of ${s.name}`));
        }
      }
    }),
  );
  return pending;
}

export async function settle(plan: ResetPlan, lab: LabControl, state: SettleState): Promise<Text[]> {
  const view = new LiveView(lab);
  const pending: Text[] = [];
  const pods = await view.podsIn('default');

  await Promise.all(
    plan.remove.map(async (o) => {
      const kind = o.kind as 'Service' | 'Deployment';
      if (await lab.get(kind, 'default', o.metadata.name!)) pending.push(say(`${kind} ${o.metadata.name} 삭제 중`, `${kind} ${o.metadata.name} being deleted`));
      if (kind === 'Deployment' && (await deletePods(lab, 'default', podLabelsOf(o))) > 0) pending.push(say(`${o.metadata.name}의 Pod 삭제 중`, `pods of ${o.metadata.name} being deleted`));
    }),
  );

  const deployments = plan.keep.filter((o): o is Deployment => o.kind === 'Deployment');
  let podsReady = true;
  for (const d of deployments) {
    const want = d.spec.replicas ?? 1;
    // Pods scaled away linger as Terminating for their grace period; the step should not see them.
    const dying = pods.filter((p) => p.terminating && matches(p.labels, d.spec.selector.matchLabels ?? {}));
    await Promise.all(dying.map((p) => lab.delete('Pod', 'default', p.name, { gracePeriodSeconds: 0 })));
    if (dying.length) pending.push(say(`${d.metadata.name}의 종료 중인 Pod 정리 중`, `clearing terminating ${d.metadata.name} pods`));
    const ready = servingPods(pods, d.spec.selector.matchLabels ?? {}).length;
    if (ready !== want) {
      podsReady = false;
      pending.push(say(`${d.metadata.name} Pod ${want}개 중 ${ready}개 준비됨`, `${ready} of ${want} ${d.metadata.name} pods ready`));
    }
  }
  if (!podsReady) return pending;

  for (const page of plan.pages) {
    const kept = deployments.some((d) => Object.entries(parseSelector(page.selector) ?? {}).every(([k, v]) => d.spec.template.metadata?.labels?.[k] === v));
    if (!kept) continue;
    if ((await writePages(lab, view, page, state)) > 0) pending.push(say(`Pod 페이지 ${page.named ? '이름으로 바꾸는' : '되돌리는'} 중`, `${page.named ? 'naming' : 'restoring'} the pods' pages`));
  }

  const withRules: { name: string; endpoints: string[] }[] = [];
  for (const o of plan.keep.filter((x): x is KubeObject & { spec: { type?: string; selector?: Record<string, string>; clusterIP?: string } } => x.kind === 'Service')) {
    const name = o.metadata.name!;
    const svc = await view.service('default', name);
    if (!svc) {
      pending.push(say(`Service ${name} 만드는 중`, `Service ${name} being created`));
      continue;
    }
    if (svc.type === 'ExternalName' || !svc.selector) continue;
    const want = servingPods(pods, svc.selector).map((p) => p.ip ?? '').sort(compareAddresses);
    const have = await view.endpointsOf('default', name);
    if (have.join(' ') !== want.join(' ')) pending.push(say(`${name}의 엔드포인트 갱신 중`, `endpoints of ${name} updating`));
    if (svc.type === 'LoadBalancer' && svc.loadBalancerIPs.length === 0) pending.push(say(`cloud가 ${name}에 주소를 주는 중`, `the cloud giving ${name} its address`));
    if (svc.clusterIP && svc.clusterIP !== 'None') withRules.push({ name, endpoints: have });
  }
  if (pending.length) return pending;
  return rulesPending(lab, withRules);
}
