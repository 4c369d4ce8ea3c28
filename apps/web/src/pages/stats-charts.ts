import { type BarSeriesData } from '../echart';

/*
 * What the statistics page's and the street dashboard's charts share. Module constants: the charts
 * redraw only when the data changes.
 */

/** Axis and bar labels: a count, a percentage to one decimal. */
export const count = (n: number): string => String(n);
export const percent = (n: number): string => `${n.toFixed(1)}%`;

/** Bar colours: dark enough against white (WCAG 1.4.11), told apart by hue and by label. */
export const BLUE = '#1f4e8c';
export const GREEN = '#1b5e20';
export const AMBER = '#8a5a00';
export const RED = '#a31515';

/** A chart's data. */
export interface Chart {
  /** The accessible name: every number the bars show, in words. */
  description: string;
  series: BarSeriesData[];
}
