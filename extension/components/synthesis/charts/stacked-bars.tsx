import { formatNumber } from '../../../utils/format.ts';
import { useLocale } from '../../../utils/i18n/index.ts';
import { niceMax, stackSegments } from '../../../utils/synthesis/chart-scale.ts';
import { ChartFrame, clip, type SeriesDef } from './chart-frame.tsx';

export interface StackedRow {
  key: string;
  label: string;
  /** One value per series, in the series' order. */
  values: readonly number[];
}

const W = 520;
const LABEL_W = 215;
const ROW = 28;
const PAD = 6;
/** Below this width a segment's number would not fit: it stays in the tooltip and the total. */
const MIN_LABELLED = 16;
/** Room under the bars for the axis title. */
const AXIS = 22;

/** Horizontal stacked bars: one row per item, one segment per series, the total at the end. */
export function StackedBars(props: {
  id: string;
  title: string;
  desc: string;
  series: readonly SeriesDef[];
  rows: readonly StackedRow[];
  /** What the bars' length measures ("Số kiến nghị"), printed under them. */
  axisTitle?: string;
}) {
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  const totals = props.rows.map((r) => r.values.reduce((s, v) => s + v, 0));
  const top = niceMax(Math.max(0, ...totals));
  const area = W - LABEL_W - 50;
  const rowsH = PAD * 2 + props.rows.length * ROW;
  const height = rowsH + (props.axisTitle ? AXIS : 0);
  return (
    <ChartFrame
      id={props.id}
      title={props.title}
      desc={props.desc}
      width={W}
      height={height}
      legend={props.series}
    >
      {props.rows.map((r, i) => {
        const y = PAD + i * ROW;
        const segs = stackSegments(r.values, top, area);
        const end = segs.reduce((x, s) => Math.max(x, s.start + s.length), 0);
        const detail = props.series.map((s, j) => `${s.label} ${n(r.values[j] ?? 0)}`).join(', ');
        return (
          <g key={r.key} class="bar-row" data-key={r.key} data-total={totals[i]}>
            <title>{`${r.label}: ${n(totals[i]!)} (${detail})`}</title>
            <text
              class="axis-label"
              x={LABEL_W - 8}
              y={y + ROW / 2}
              text-anchor="end"
              dominant-baseline="middle"
            >
              {clip(r.label, 28)}
            </text>
            {segs.map((s) => (
              <g key={s.index} data-series={props.series[s.index]?.key} data-value={s.value}>
                <rect
                  class={`bar ${props.series[s.index]?.cls ?? ''}`}
                  x={LABEL_W + s.start}
                  y={y + 5}
                  width={s.length}
                  height={ROW - 10}
                />
                {s.length >= MIN_LABELLED && (
                  <text
                    class="in-bar"
                    x={LABEL_W + s.start + s.length / 2}
                    y={y + ROW / 2}
                    text-anchor="middle"
                    dominant-baseline="middle"
                  >
                    {n(s.value)}
                  </text>
                )}
              </g>
            ))}
            <text class="value" x={LABEL_W + end + 6} y={y + ROW / 2} dominant-baseline="middle">
              {n(totals[i]!)}
            </text>
          </g>
        );
      })}
      {props.axisTitle && (
        <text class="axis-title" x={LABEL_W + area / 2} y={rowsH + AXIS - 8} text-anchor="middle">
          {props.axisTitle}
        </text>
      )}
    </ChartFrame>
  );
}
