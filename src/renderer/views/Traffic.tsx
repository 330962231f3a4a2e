// Where a Service's requests went: a live bar per endpoint from kube-proxy's
// KUBE-SEP packet counters on every node, and the last request's way through
// the chains, with the rules as iptables-save prints them.
import { useEffect, useMemo, useState } from 'react';
import type { ClusterView, ServiceRef, TrafficSample } from '../../shared/api';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';

export function Traffic({ view }: { view?: ClusterView }) {
  const { t } = useI18n();
  const services = (view?.services ?? []).filter((s) => s.type !== 'ExternalName');
  const [chosen, setChosen] = useState<string>('');
  const [sample, setSample] = useState<TrafficSample>();
  const [baseline, setBaseline] = useState<Record<string, number>>({});

  const ref = useMemo<ServiceRef | null>(() => {
    const [namespace, name] = chosen.split('/');
    return namespace && name ? { namespace, name } : null;
  }, [chosen]);

  useEffect(() => {
    setSample(undefined);
    setBaseline({});
    const off = api.onTraffic((s) => {
      if (ref && s.service.namespace === ref.namespace && s.service.name === ref.name) setSample(s);
    });
    void api.watchTraffic(ref);
    return () => {
      off();
      void api.watchTraffic(null);
    };
  }, [ref]);

  const counts = (sample?.endpoints ?? []).map((e) => ({ ...e, shown: Math.max(0, e.packets - (baseline[e.endpoint] ?? 0)) }));
  const max = Math.max(1, ...counts.map((c) => c.shown));
  const total = counts.reduce((a, c) => a + c.shown, 0);
  const path = sample?.lastRequest;

  return (
    <div className="traffic" data-testid="traffic-view">
      <div className="row">
        <label>
          {t('traffic.pick')}{' '}
          <select value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="traffic-service">
            <option value="">—</option>
            {services.map((s) => (
              <option key={`${s.namespace}/${s.name}`} value={`${s.namespace}/${s.name}`}>
                {s.namespace}/{s.name} ({s.type} {s.clusterIP})
              </option>
            ))}
          </select>
        </label>
        {sample && (
          <button type="button" onClick={() => setBaseline(Object.fromEntries(sample.endpoints.map((e) => [e.endpoint, e.packets])))}>
            {t('traffic.reset')}
          </button>
        )}
      </div>
      {!ref && <p className="muted">{t('traffic.none')}</p>}
      {view?.state === 'unavailable' && <div className="banner banner-warn">{t('topo.unavailable')}</div>}
      {sample?.state === 'unavailable' && <p className="error">{t('traffic.unavailable', { message: sample.message ?? '' })}</p>}
      {sample?.state === 'live' && counts.length === 0 && <p className="muted">{t('traffic.noRules')}</p>}
      {counts.length > 0 && (
        <figure className="chart" data-testid="traffic-chart">
          <figcaption className="muted small">{t('traffic.chart')} — {t('traffic.total', { count: total })}</figcaption>
          {counts.map((c) => (
            <div key={c.endpoint} className={`bar-row${path?.endpoint === c.endpoint ? ' last' : ''}`}>
              <span className="bar-label">
                {c.endpoint}
                {c.pod ? ` (${c.pod})` : ''}
              </span>
              <span className="bar">
                <span className="bar-fill" style={{ width: `${(c.shown / max) * 100}%` }} />
              </span>
              <span className="bar-value">{c.shown}</span>
            </div>
          ))}
        </figure>
      )}
      {ref && (
        <section className="path" data-testid="traffic-path">
          <h4>{t('traffic.path')}</h4>
          {!path && <p className="muted">{t('traffic.noPath')}</p>}
          {path && (
            <>
              <p className="small">
                {t('traffic.onNode', { node: path.node })} → {path.endpoint} {path.pod ? t('traffic.toPod', { pod: path.pod }) : ''}
              </p>
              {path.steps.map((step, i) => (
                <div key={i} className="chain">
                  <div className="chain-name">{step.chain}</div>
                  <pre className="rules">
                    {step.rules.map((r, j) => (
                      <div key={j} className={j === step.taken ? 'taken' : ''}>
                        {r}
                      </div>
                    ))}
                  </pre>
                  {i < path.steps.length - 1 && <div className="arrow">↓</div>}
                </div>
              ))}
              <div className="chain pod-end">→ {path.pod ?? path.endpoint}</div>
            </>
          )}
        </section>
      )}
    </div>
  );
}
