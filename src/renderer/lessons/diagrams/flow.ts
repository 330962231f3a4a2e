// A diagram as rows of boxes joined by arrows, read top to bottom (client at
// the top, pods at the bottom), and where each box lands on a canvas the
// width of the lesson panel. Pure: the SVG is drawn from this (FlowSvg.tsx).

export type BoxKind = 'host' | 'node' | 'service' | 'slice' | 'pod' | 'dns' | 'chain';

export interface FlowBox {
  id: string;
  kind: BoxKind;
  title: string;
  lines: string[];
  /** Drawn from a live object; false: a dashed stand-in for one not there yet. */
  live: boolean;
  /** Where its centre goes, as a fraction of the width; absent: spread evenly over the row. */
  x?: number;
}

export interface FlowEdge {
  from: string;
  to: string;
  label?: string;
  dashed?: boolean;
}

export interface Flow {
  rows: FlowBox[][];
  edges: FlowEdge[];
}

export interface PlacedBox extends FlowBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PlacedEdge extends FlowEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface FlowLayout {
  width: number;
  height: number;
  boxes: PlacedBox[];
  edges: PlacedEdge[];
}

export const METRICS = { pad: 7, title: 15, line: 13, rowGap: 38, colGap: 10, margin: 6, maxBox: 210, char: 6.1 };

export const boxHeight = (b: FlowBox) => METRICS.pad * 2 + METRICS.title + b.lines.length * METRICS.line;

/** Text cut to what fits in a box of this width (the full text stays in the box's tooltip). */
export function fit(text: string, width: number): string {
  const max = Math.max(4, Math.floor((width - 2 * METRICS.pad) / METRICS.char));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function layoutFlow(flow: Flow, width = 520): FlowLayout {
  const { margin, colGap, rowGap, maxBox } = METRICS;
  const boxes: PlacedBox[] = [];
  let top = margin;
  for (const row of flow.rows) {
    if (row.length === 0) continue;
    const n = row.length;
    const w = Math.min(maxBox, (width - 2 * margin - (n - 1) * colGap) / n);
    const span = n * w + (n - 1) * colGap;
    const start = (width - span) / 2;
    const height = Math.max(...row.map(boxHeight));
    row.forEach((b, i) => {
      const centre = b.x !== undefined ? Math.min(width - margin - w / 2, Math.max(margin + w / 2, b.x * width)) : start + i * (w + colGap) + w / 2;
      boxes.push({ ...b, left: centre - w / 2, top, width: w, height: boxHeight(b) });
    });
    top += height + rowGap;
  }
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const edges: PlacedEdge[] = [];
  for (const e of flow.edges) {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b || b.top <= a.top) continue;
    edges.push({ ...e, x1: a.left + a.width / 2, y1: a.top + a.height, x2: b.left + b.width / 2, y2: b.top });
  }
  return { width, height: Math.max(0, top - rowGap + margin), boxes, edges };
}
