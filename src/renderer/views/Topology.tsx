// The cluster as a picture: the hosts with their addresses, each node with
// its pods (IP, status), the hosts outside the cluster, and the Services with
// their addresses and endpoints — live from the engine's watches.
import { useState } from 'react';
import type { ClusterView, HostView, ObjectRef, PodView, ServiceView, TerminalTarget } from '../../shared/api';
import { useI18n } from '../i18n/i18n';
import { ObjectDetails } from './ObjectDetails';

interface Props {
  view?: ClusterView;
  onOpenTerminal(target: TerminalTarget): void;
}

const statusClass = (s: string) => (s === 'Running' ? 'ok' : /Err|BackOff|Fail|Unknown/.test(s) ? 'bad' : 'pending');

function Pod({ pod, select, terminal }: { pod: PodView; select(): void; terminal(): void }) {
  const { t } = useI18n();
  return (
    <li className="pod" data-testid="topology-pod" data-pod={pod.name} data-status={pod.status}>
      <button type="button" className="pod-main" onClick={select} title={pod.name}>
        <span className={`dot ${statusClass(pod.status)}`} />
        <span className="pod-name">{pod.name}</span>
        <span className="pod-ip">{pod.ip ?? '—'}</span>
        <span className="pod-status">{pod.status}</span>
      </button>
      <button type="button" className="icon" title={t('topo.openTerminal', { name: pod.name })} onClick={terminal} data-testid="pod-terminal">
        ⌨
      </button>
    </li>
  );
}

function Host({ host, view, select, terminal }: { host: HostView; view?: ClusterView; select(r: ObjectRef): void; terminal(t: TerminalTarget): void }) {
  const { t } = useI18n();
  const node = view?.nodes.find((n) => n.name === host.name);
  const pods = (view?.pods ?? []).filter((p) => p.node === host.name);
  const inCluster = host.name === 'master' || host.name.startsWith('node');
  return (
    <div className={`host-card${host.state === 'running' ? '' : ' down'}`} data-testid={`topology-host-${host.name}`}>
      <header>
        <button type="button" className="host-title" onClick={() => terminal({ kind: 'host', host: host.name })} title={t('topo.openTerminal', { name: host.name })}>
          ⌨ {host.name}
        </button>
        <span className="host-ip">{host.ip}</span>
        {node && (
          <button type="button" className={`badge ${node.ready ? 'ok' : 'bad'}`} onClick={() => select({ kind: 'Node', name: node.name })}>
            {node.ready ? t('topo.ready') : t('topo.notReady')}
          </button>
        )}
        {!inCluster && <span className="muted small">{t('topo.outside')}</span>}
        {host.state !== 'running' && <span className="badge bad">{host.state}</span>}
      </header>
      {inCluster && (
        <ul className="pods">
          {pods.length === 0 && <li className="muted small">{t('topo.noPods')}</li>}
          {pods.map((p) => (
            <Pod key={`${p.namespace}/${p.name}`} pod={p} select={() => select({ kind: 'Pod', namespace: p.namespace, name: p.name })} terminal={() => terminal({ kind: 'pod', namespace: p.namespace, pod: p.name })} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ports(s: ServiceView): string {
  return s.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(',') || '<none>';
}

function Services({ services, select }: { services: ServiceView[]; select(r: ObjectRef): void }) {
  const { t } = useI18n();
  if (!services.length) return <p className="muted">{t('topo.noServices')}</p>;
  return (
    <table className="services" data-testid="topology-services">
      <thead>
        <tr>
          <th>{t('topo.col.name')}</th>
          <th>{t('topo.col.type')}</th>
          <th>{t('topo.col.clusterIP')}</th>
          <th>{t('topo.col.externalIP')}</th>
          <th>{t('topo.col.ports')}</th>
          <th>{t('topo.col.endpoints')}</th>
        </tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr key={`${s.namespace}/${s.name}`} data-testid="topology-service" data-service={s.name}>
            <td>
              <button type="button" className="link" onClick={() => select({ kind: 'Service', namespace: s.namespace, name: s.name })}>
                {s.namespace === 'default' ? s.name : `${s.namespace}/${s.name}`}
              </button>
            </td>
            <td>{s.type}</td>
            <td>{s.clusterIP || '<none>'}</td>
            <td>{s.externalIP}</td>
            <td>{ports(s)}</td>
            <td className="endpoints">
              {s.endpoints.length === 0 ? '<none>' : s.endpoints.map((e) => (
                <span key={e.ip} className={`endpoint${e.ready ? '' : ' not-ready'}`} title={e.pod ? `${e.pod} @ ${e.node ?? '?'}` : undefined}>
                  {e.ip}
                  {e.ports.length ? `:${[...new Set(e.ports)].join(',')}` : ''}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Topology({ view, onOpenTerminal }: Props) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<ObjectRef>();
  const hosts = view?.hosts ?? [];
  const cluster = hosts.filter((h) => h.name === 'master' || h.name.startsWith('node'));
  const outside = hosts.filter((h) => !cluster.includes(h));
  return (
    <div className="topology" data-testid="topology-view" data-state={view?.state ?? 'connecting'}>
      {view?.state === 'unavailable' && (
        <div className="banner banner-warn" role="status" data-testid="control-plane-unavailable">
          <strong>{t('topo.unavailable')}</strong>
          <div>{t('topo.unavailableHelp', { server: view.apiServer })}</div>
        </div>
      )}
      {(!view || view.state === 'connecting') && <p className="muted">{t('topo.connecting')}</p>}
      {view?.state === 'live' && <span className="badge ok live">● {t('topo.live')}</span>}
      <div className="hosts-row">
        {cluster.map((h) => (
          <Host key={h.name} host={h} view={view} select={setSelected} terminal={onOpenTerminal} />
        ))}
      </div>
      <div className="hosts-row outside">
        {outside.map((h) => (
          <Host key={h.name} host={h} view={view} select={setSelected} terminal={onOpenTerminal} />
        ))}
      </div>
      <h3>{t('topo.services')}</h3>
      <Services services={view?.services ?? []} select={setSelected} />
      {selected && <ObjectDetails target={selected} onClose={() => setSelected(undefined)} />}
    </div>
  );
}
