import { formatPoints } from '../../../electron/services/text/points';

/**
 * Horizontal bar charts in plain SVG (a chart library would be a large dependency for two charts that
 * must work offline): a bar per unit, long names on the left, the value written at the bar's end so
 * nothing is read from colour alone.
 */

const WIDTH = 800;
const LABEL = 300;
const VALUE = 70;
const BAR = WIDTH - LABEL - VALUE;
const ROW = 26;
const TOP = 8;
/** Distinguishable in print and for the common colour deficiencies (Okabe–Ito). */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

const short = (name: string) => (name.length > 42 ? `${name.slice(0, 40)}…` : name);

export interface Bar {
  label: string;
  /** Stacked parts, in series order; a single part for a plain bar. */
  parts: number[];
  /** Why the bar is not final ("chưa thẩm định"): a star by the name, explained under the chart. */
  note?: string;
}

export function BarChart({ title, bars, series, max }: { title: string; bars: Bar[]; series: string[]; max: number }) {
  const height = TOP * 2 + bars.length * ROW;
  const scale = (v: number) => (max > 0 ? (Math.max(0, v) / max) * BAR : 0);
  const stacked = series.length > 1;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {stacked && (
        <ul className="chart-legend">
          {series.map((s, i) => (
            <li key={s}>
              <span className="chart-swatch" style={{ background: SERIES_COLOURS[i % SERIES_COLOURS.length] }} aria-hidden="true" />
              {s}
            </li>
          ))}
        </ul>
      )}
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={title} className="chart-svg">
        {bars.map((b, n) => {
          const y = TOP + n * ROW;
          let x = LABEL;
          const total = b.parts.reduce((s, p) => s + p, 0);
          return (
            <g key={`${b.label}-${n}`}>
              <title>{`${b.label}: ${stacked ? b.parts.map((p, i) => `${series[i]} ${formatPoints(p)}`).join('; ') : formatPoints(total)}${b.note ? ` (${b.note})` : ''}`}</title>
              <text x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end" fontSize="13">
                {short(b.label)}
                {b.note ? ' *' : ''}
              </text>
              {b.parts.map((p, i) => {
                const w = scale(p);
                const rect = <rect key={i} x={x} y={y + 4} width={w} height={ROW - 8} fill={SERIES_COLOURS[i % SERIES_COLOURS.length]} />;
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + ROW / 2 + 4} fontSize="13">
                {formatPoints(total)}
              </text>
            </g>
          );
        })}
        <line x1={LABEL} x2={LABEL} y1={TOP / 2} y2={height - TOP / 2} stroke="#888" />
      </svg>
      {bars.some((b) => b.note) && <p className="muted small">* {[...new Set(bars.map((b) => b.note).filter(Boolean))].join('; ')}: điểm chưa phải kết quả thẩm định cuối cùng.</p>}
    </figure>
  );
}
