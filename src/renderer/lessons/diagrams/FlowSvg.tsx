// A flow diagram drawn in SVG from its layout (flow.ts). Colours come from
// the stylesheet, so light and dark themes both work; boxes not there yet are
// dashed.
import { useId } from 'react';
import { METRICS, fit, type FlowLayout } from './flow';

export function FlowSvg({ layout, label }: { layout: FlowLayout; label: string }) {
  const marker = `dg-arrow-${useId().replace(/:/g, '')}`;
  const { pad, title, line } = METRICS;
  return (
    <svg className="dg" viewBox={`0 0 ${layout.width} ${layout.height}`} width="100%" role="img" aria-label={label}>
      <defs>
        <marker id={marker} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="dg-arrowhead" />
        </marker>
      </defs>
      {layout.edges.map((e, i) => (
        <line key={`e${i}`} x1={e.x1} y1={e.y1} x2={e.x2} y2={e.y2 - 1} className={`dg-edge${e.dashed ? ' dashed' : ''}`} markerEnd={`url(#${marker})`} />
      ))}
      {layout.boxes.map((b) => (
        <g key={b.id} className={`dg-box dg-${b.kind}${b.live ? '' : ' absent'}`} data-box={b.id} data-live={b.live}>
          <title>{[b.title, ...b.lines].join('\n')}</title>
          <rect x={b.left} y={b.top} width={b.width} height={b.height} rx={6} />
          <text x={b.left + pad} y={b.top + pad + 11} className="dg-title">
            {fit(b.title, b.width)}
          </text>
          {b.lines.map((l, i) => (
            <text key={i} x={b.left + pad} y={b.top + pad + title + i * line + 10} className="dg-line">
              {fit(l, b.width)}
            </text>
          ))}
        </g>
      ))}
      {layout.edges.map((e, i) =>
        e.label ? (
          <text key={`l${i}`} x={(e.x1 + e.x2) / 2 + 4} y={(e.y1 + e.y2) / 2 + 4} className="dg-label">
            {e.label}
          </text>
        ) : null,
      )}
    </svg>
  );
}
