/**
 * Charts in plain SVG (no chart library: the bundle stays small). Every chart carries its numbers
 * as text too, so a screen reader, and a reader who cannot tell the colours apart, get them.
 */

/** A fraction as a percentage for reading, one decimal (null: nothing to divide by). */
export function percentText(numerator: number, denominator: number): string {
  if (denominator <= 0) return '—';
  return `${((numerator / denominator) * 100).toFixed(1)}%`;
}

/**
 * One horizontal bar from 0 to 100 %, filled to `value`, with a mark at `mark` (the threshold).
 * The SVG is decorative (aria-hidden): the caller writes the same numbers beside it.
 */
export function ThresholdBar(props: { value: number; mark: number | null; held: boolean }) {
  const value = Math.max(0, Math.min(1, props.value));
  const width = 300;
  const height = 22;
  const markX = props.mark === null ? null : Math.round(props.mark * width * 10) / 10;
  return (
    <svg
      className="bar"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="0" y="3" width={width} height={height - 6} rx="3" className="bar-track" />
      <rect
        x="0"
        y="3"
        width={Math.round(value * width * 10) / 10}
        height={height - 6}
        rx="3"
        className={props.held ? 'bar-fill bar-held' : 'bar-fill'}
      />
      {markX === null ? null : (
        <line x1={markX} x2={markX} y1="0" y2={height} className="bar-mark" strokeWidth="3" />
      )}
    </svg>
  );
}

export interface Series {
  label: string;
  values: readonly number[];
  /** A CSS class giving the fill colour. */
  className: string;
}

/**
 * Grouped vertical bars: one group per category, one bar per series, the value above each bar.
 * `title` names the chart for assistive technology (role img); the caller shows a table as well.
 */
export function BarChart(props: {
  title: string;
  categories: readonly string[];
  series: readonly Series[];
  format?: (n: number) => string;
  /** The top of the scale (default: the largest value). */
  max?: number;
}) {
  const { categories, series } = props;
  const format = props.format ?? ((n: number) => String(n));
  const max = props.max ?? Math.max(1, ...series.flatMap((s) => s.values.filter(Number.isFinite)));
  const groupWidth = 80;
  const barWidth = Math.min(28, (groupWidth - 16) / Math.max(1, series.length));
  const top = 24;
  const plot = 140;
  const width = Math.max(160, categories.length * groupWidth);
  const height = top + plot + 44;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-label={props.title}
        className="chart-svg"
      >
        <line x1="0" x2={width} y1={top + plot} y2={top + plot} className="chart-axis" />
        {categories.map((category, i) => {
          const x0 = i * groupWidth + (groupWidth - barWidth * series.length) / 2;
          return (
            <g key={category}>
              {series.map((s, j) => {
                const v = s.values[i] ?? 0;
                const h = Number.isFinite(v) ? (v / max) * plot : 0;
                const x = x0 + j * barWidth;
                return (
                  <g key={s.label}>
                    <rect
                      x={x + 1}
                      y={top + plot - h}
                      width={barWidth - 2}
                      height={h}
                      className={s.className}
                    />
                    <text
                      x={x + barWidth / 2}
                      y={top + plot - h - 4}
                      textAnchor="middle"
                      className="chart-value"
                    >
                      {Number.isFinite(v) ? format(v) : '—'}
                    </text>
                  </g>
                );
              })}
              <text
                x={i * groupWidth + groupWidth / 2}
                y={top + plot + 24}
                textAnchor="middle"
                className="chart-label"
              >
                {category}
              </text>
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? (
        <figcaption className="legend">
          {series.map((s) => (
            <span key={s.label}>
              <svg viewBox="0 0 12 12" aria-hidden="true" focusable="false" className="swatch">
                <rect width="12" height="12" className={s.className} />
              </svg>
              {s.label}
            </span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}
