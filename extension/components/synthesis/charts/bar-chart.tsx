import { formatNumber } from '../../../utils/format.ts';
import { useLocale } from '../../../utils/i18n/index.ts';
import { barLength, niceMax } from '../../../utils/synthesis/chart-scale.ts';
import { ChartFrame, clip } from './chart-frame.tsx';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** The number printed at the end of the bar (default: the value). */
  text?: string;
  cls: string;
}

const W = 520;
const LABEL_W = 215;
const ROW = 28;
const PAD = 6;
/** Room under the bars for the axis title. */
const AXIS = 22;

/** Horizontal bars with their labels on the left and their figures (Vietnamese format) at the end. */
export function BarChart(props: {
  id: string;
  title: string;
  desc: string;
  bars: readonly Bar[];
  max?: number;
  labelChars?: number;
  /** What the bars' length measures ("Số báo cáo"), printed under them. */
  axisTitle?: string;
}) {
  const locale = useLocale();
  const top = props.max ?? niceMax(Math.max(0, ...props.bars.map((b) => b.value)));
  const area = W - LABEL_W - 70;
  const rowsH = PAD * 2 + props.bars.length * ROW;
  const height = rowsH + (props.axisTitle ? AXIS : 0);
  return (
    <ChartFrame id={props.id} title={props.title} desc={props.desc} width={W} height={height}>
      {props.bars.map((b, i) => {
        const y = PAD + i * ROW;
        const len = barLength(b.value, top, area);
        const text = b.text ?? formatNumber(b.value, locale);
        return (
          <g key={b.key} class="bar-row" data-key={b.key} data-value={b.value}>
            <title>{`${b.label}: ${text}`}</title>
            <text
              class="axis-label"
              x={LABEL_W - 8}
              y={y + ROW / 2}
              text-anchor="end"
              dominant-baseline="middle"
            >
              {clip(b.label, props.labelChars ?? 28)}
            </text>
            <rect class="track" x={LABEL_W} y={y + 5} width={area} height={ROW - 10} rx="3" />
            <rect
              class={`bar ${b.cls}`}
              x={LABEL_W}
              y={y + 5}
              width={len}
              height={ROW - 10}
              rx="3"
            />
            <text class="value" x={LABEL_W + len + 6} y={y + ROW / 2} dominant-baseline="middle">
              {text}
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
