// Which drawing a diagram kind gets. Pure.
import type { ClusterView, LessonDiagram, LessonDiagramFacts } from '../../../shared/api';
import type { Translate } from '../../i18n/i18n';
import { kubeProxyChains } from './chains';
import { externalNameDns, headlessDns } from './dns';
import type { Flow } from './flow';
import { fanout, loadBalancerPath, nodePortPath } from './paths';

/** The flow for a diagram; undefined for service-types, which nests instead (types-model.ts). */
export function flowOf(d: LessonDiagram, v: ClusterView | undefined, facts: LessonDiagramFacts | undefined, t: Translate): Flow | undefined {
  switch (d.kind) {
    case 'service-fanout':
      return fanout(d, v, t);
    case 'nodeport-path':
      return nodePortPath(d, v, t);
    case 'loadbalancer-path':
      return loadBalancerPath(d, v, t);
    case 'externalname-dns':
      return externalNameDns(d, v, facts, t);
    case 'headless-dns':
      return headlessDns(d, v, facts, t);
    case 'kube-proxy-chains':
      return kubeProxyChains(d, v, facts, t);
    case 'service-types':
      return undefined;
  }
}

/** Diagrams that need more than the cluster view: the engine reads DNS answers or rules for them. */
export const needsFacts = (d: LessonDiagram) => d.shows.some((o) => o.kind === 'DnsAnswer' || o.kind === 'Rules');
