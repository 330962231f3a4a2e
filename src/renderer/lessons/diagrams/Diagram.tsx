// A concept's picture, drawn by the app from the live cluster: the flow or
// the nested types, the lesson's caption, what to expect while the objects
// are not there yet, and a legend saying what each object is for.
import { useMemo } from 'react';
import type { ClusterView, LessonDiagram } from '../../../shared/api';
import { useI18n } from '../../i18n/i18n';
import { pick } from '../text';
import { layoutFlow } from './flow';
import { FlowSvg } from './FlowSvg';
import { present } from './lookup';
import { flowOf } from './models';
import { TypesSvg } from './TypesSvg';
import { serviceTypes } from './types-model';
import { useDiagramFacts } from './useDiagramFacts';

const describe = (o: LessonDiagram['shows'][number]) => [o.kind, o.name ?? o.selector, o.host ? `@${o.host}` : ''].filter(Boolean).join(' ');

export function Diagram({ section, diagram, cluster }: { section: string; diagram: LessonDiagram; cluster: ClusterView | undefined }) {
  const { lang, t } = useI18n();
  const facts = useDiagramFacts(section, diagram);
  const caption = pick(diagram.caption, lang);
  const flow = useMemo(() => flowOf(diagram, cluster, facts, t), [diagram, cluster, facts, t]);
  const layout = useMemo(() => flow && layoutFlow(flow), [flow]);
  const types = useMemo(() => (diagram.kind === 'service-types' ? serviceTypes(diagram, cluster, t) : undefined), [diagram, cluster, t]);
  const there = diagram.shows.map((o) => present(o, cluster, facts));
  const live = there.some(Boolean);
  const rules = facts?.rules.filter((r) => r.entries.length > 0) ?? [];

  return (
    <figure className="diagram" data-testid={`lesson-diagram-${diagram.kind}`} data-live={live}>
      {!live && (
        <p className="diagram-empty" data-testid="lesson-diagram-empty">
          {pick(diagram.empty, lang)}
        </p>
      )}
      {layout && <FlowSvg layout={layout} label={caption} />}
      {types && <TypesSvg boxes={types} label={caption} />}
      <figcaption>
        {caption} <span className="muted small">({t('lesson.liveDiagram')})</span>
      </figcaption>
      <details className="legend">
        <summary>{t('lesson.legend')}</summary>
        <ul>
          {diagram.shows.map((o, i) => (
            <li key={i} data-live={there[i]}>
              <span className={`dot${there[i] ? ' ok' : ''}`} aria-hidden /> <code>{describe(o)}</code> <span className="muted small">({there[i] ? t('lesson.there') : t('lesson.notThere')})</span> — {pick(o.role, lang)}
            </li>
          ))}
        </ul>
      </details>
      {rules.map((r) => (
        <details key={`${r.host}/${r.service}`} className="legend">
          <summary>{t('lesson.rules', { host: r.host })}</summary>
          <pre className="rules">{[...r.entries, ...r.chains.flatMap((c) => c.rules)].map((x) => x.text).join('\n')}</pre>
        </details>
      ))}
    </figure>
  );
}
