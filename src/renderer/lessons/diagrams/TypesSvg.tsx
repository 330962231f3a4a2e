// The four Service types as nested boxes: ClusterIP inside NodePort inside
// LoadBalancer, ExternalName beside them, each filled from a live Service.
import { useI18n } from '../../i18n/i18n';
import { METRICS, fit } from './flow';
import type { TypeBox } from './types-model';

const W = 520;
const INSET = 12;
const headerHeight = (b: TypeBox) => 3 * METRICS.title + b.lines.length * METRICS.line + 8;

export function TypesSvg({ boxes, label }: { boxes: TypeBox[]; label: string }) {
  const { t } = useI18n();
  const [cip, np, lb, ext] = boxes as [TypeBox, TypeBox, TypeBox, TypeBox];
  const nestedWidth = 350;
  const hC = headerHeight(cip) + 4;
  const hN = headerHeight(np) + hC + INSET;
  const hL = headerHeight(lb) + hN + INSET;
  const height = hL + 12;
  const frame = (b: TypeBox, x: number, y: number, w: number, h: number) => {
    // "NodePort: + the same port on every node": the type in bold, what it adds below.
    const [type, adds = ''] = t(`dg.types.${b.type}`).split(/:\s*/, 2);
    const lines = [adds, b.name ?? '', ...b.lines];
    return (
      <g className={`dg-box dg-type dg-type-${b.type}${b.live ? '' : ' absent'}`} data-box={b.type} data-live={b.live}>
        <title>{[type, ...lines].join('\n')}</title>
        <rect x={x} y={y} width={w} height={h} rx={8} />
        <text x={x + METRICS.pad} y={y + 15} className="dg-title">
          {fit(type ?? b.type, w)}
        </text>
        {lines.map((l, i) => (
          <text key={i} x={x + METRICS.pad} y={y + 15 + (i < 2 ? (i + 1) * METRICS.title : 2 * METRICS.title + (i - 1) * METRICS.line)} className={i < 2 ? 'dg-name' : 'dg-line'}>
            {fit(l, w)}
          </text>
        ))}
      </g>
    );
  };
  const x0 = 6;
  const y0 = 6;
  return (
    <svg className="dg" viewBox={`0 0 ${W} ${height}`} width="100%" role="img" aria-label={label}>
      {frame(lb, x0, y0, nestedWidth, hL)}
      {frame(np, x0 + INSET, y0 + headerHeight(lb), nestedWidth - 2 * INSET, hN)}
      {frame(cip, x0 + 2 * INSET, y0 + headerHeight(lb) + headerHeight(np), nestedWidth - 4 * INSET, hC)}
      {frame(ext, x0 + nestedWidth + 14, y0, W - nestedWidth - 26, headerHeight(ext) + 4)}
    </svg>
  );
}
