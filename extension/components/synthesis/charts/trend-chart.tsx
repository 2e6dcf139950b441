import { formatMonth, formatNumber } from '../../../utils/format.ts';
import { useLocale } from '../../../utils/i18n/index.ts';
import {
  countTickIntervals,
  linePath,
  niceMax,
  stackSegments,
  ticks,
  type TrendBar,
} from '../../../utils/synthesis/chart-scale.ts';
import { ChartFrame, type SeriesDef } from './chart-frame.tsx';

const W = 520;
const H = 250;
const LEFT = 52;
const RIGHT = 56;
const TOP = 22;
const BOTTOM = 40;

/**
 * Six months side by side: a column per month stacked on time / late / missing (the count of
 * expected reports on top), and the average score as a line on its own 0–100 axis at the right.
 */
export function TrendChart(props: {
  id: string;
  title: string;
  desc: string;
  months: readonly TrendBar[];
  series: readonly [SeriesDef, SeriesDef, SeriesDef];
  average: SeriesDef;
  formatScore: (n: number) => string;
  /** Titles of the left (counts), right (score) and bottom (months) axes. */
  axes: { count: string; score: string; month: string };
}) {
  const { months, series } = props;
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  const plotH = H - TOP - BOTTOM;
  const plotW = W - LEFT - RIGHT;
  const top = niceMax(Math.max(0, ...months.map((m) => m.onTime + m.late + m.missing)));
  const slot = plotW / Math.max(1, months.length);
  const colW = Math.min(44, slot * 0.55);
  const xMid = (i: number) => LEFT + slot * i + slot / 2;
  const yScore = (v: number) => TOP + plotH - (Math.min(100, Math.max(0, v)) / 100) * plotH;
  const path = linePath(
    months.map((m) => m.averageScore),
    xMid,
    yScore,
  );
  return (
    <ChartFrame
      id={props.id}
      title={props.title}
      desc={props.desc}
      width={W}
      height={H}
      legend={[...series, props.average]}
    >
      {ticks(top, countTickIntervals(top)).map((v) => {
        const y = TOP + plotH - (v / top) * plotH;
        return (
          <g key={v} class="grid">
            <line x1={LEFT} x2={W - RIGHT} y1={y} y2={y} />
            <text class="tick" x={LEFT - 6} y={y} text-anchor="end" dominant-baseline="middle">
              {formatNumber(v, locale)}
            </text>
            <text class="tick" x={W - RIGHT + 6} y={y} dominant-baseline="middle">
              {n(Math.round((v / top) * 100))}
            </text>
          </g>
        );
      })}
      {months.map((m, i) => {
        const values = [m.onTime, m.late, m.missing];
        const segs = stackSegments(values, top, plotH);
        const total = values.reduce((s, v) => s + v, 0);
        const x = xMid(i) - colW / 2;
        return (
          <g
            key={m.month}
            class="trend-month"
            data-month={m.month}
            data-on-time={m.onTime}
            data-late={m.late}
            data-missing={m.missing}
          >
            <title>{`${formatMonth(m.month)}: ${series.map((s, j) => `${s.label} ${n(values[j]!)}`).join(', ')}${m.averageScore != null ? `; ${props.average.label} ${props.formatScore(m.averageScore)}` : ''}`}</title>
            {segs.map((s) => (
              <rect
                key={s.index}
                class={`bar ${series[s.index]!.cls}`}
                x={x}
                y={TOP + plotH - s.start - s.length}
                width={colW}
                height={s.length}
                data-series={series[s.index]!.key}
              />
            ))}
            <text
              class="value"
              x={xMid(i)}
              y={TOP + plotH - (total / top) * plotH - 5}
              text-anchor="middle"
            >
              {n(total)}
            </text>
            <text class="axis-label" x={xMid(i)} y={H - BOTTOM + 16} text-anchor="middle">
              {formatMonth(m.month)}
            </text>
          </g>
        );
      })}
      {/* Axis titles: counts on the left, the 0–100 score on the right, months below. */}
      <text
        class="axis-title"
        transform={`translate(12 ${TOP + plotH / 2}) rotate(-90)`}
        text-anchor="middle"
      >
        {props.axes.count}
      </text>
      <text
        class="axis-title"
        transform={`translate(${W - 10} ${TOP + plotH / 2}) rotate(90)`}
        text-anchor="middle"
      >
        {props.axes.score}
      </text>
      <text class="axis-title" x={LEFT + plotW / 2} y={H - 4} text-anchor="middle">
        {props.axes.month}
      </text>
      <path class={`line ${props.average.cls}`} d={path} fill="none" />
      {months.map((m, i) =>
        m.averageScore == null ? null : (
          <g
            key={`s${m.month}`}
            class="score-point"
            data-month={m.month}
            data-score={m.averageScore}
          >
            <circle class={props.average.cls} cx={xMid(i)} cy={yScore(m.averageScore)} r="3.5" />
            <text class="score-label" x={xMid(i) + 5} y={yScore(m.averageScore) - 6}>
              {props.formatScore(m.averageScore)}
            </text>
          </g>
        ),
      )}
    </ChartFrame>
  );
}
