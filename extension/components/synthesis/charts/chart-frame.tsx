import type { ComponentChildren } from 'preact';

/** A legend entry: a swatch of the series' class and its label. */
export interface SeriesDef {
  key: string;
  label: string;
  /** CSS class giving the fill (synthesis.css: `c-ok`, `c-late`, `band-tot`…). */
  cls: string;
}

/**
 * A chart's figure: a heading, the SVG (named by its `<title>` and described by `<desc>` for
 * screen readers) and an optional legend in HTML, so the labels wrap like text.
 */
export function ChartFrame(props: {
  id: string;
  title: string;
  desc: string;
  width: number;
  height: number;
  legend?: readonly SeriesDef[];
  children: ComponentChildren;
  testId?: string;
}) {
  const { id, width, height } = props;
  return (
    <figure class="chart" data-chart={props.testId ?? id}>
      <figcaption id={`${id}-cap`}>{props.title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.desc}</desc>
        {props.children}
      </svg>
      {props.legend && props.legend.length > 0 && (
        <ul class="legend">
          {props.legend.map((s) => (
            <li key={s.key}>
              <span class={`swatch ${s.cls}`} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

/** A label shortened to `max` characters (the full text stays in the element's `<title>`). */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
