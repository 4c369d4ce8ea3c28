/**
 * The vote pages' threshold bars, in plain SVG: they load with the first pages, which carry no chart
 * library (the statistics page's ECharts charts are in echart.tsx, loaded with that page). The
 * numbers are always written beside a bar too, so a screen reader, and a reader who cannot tell the
 * colours apart, get them.
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
