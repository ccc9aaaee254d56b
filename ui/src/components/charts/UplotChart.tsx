/**
 * One uPlot chart that fills its container's width and follows it, redrawn when the theme changes (canvas
 * colours are read from the theme's CSS variables). Every chart comes with its data as a table, so no one
 * depends on seeing the canvas.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './charts.css';

export interface UplotChartProps {
  /** Builds the options with the theme's colours resolved (`color('--ok')`). */
  options: (color: (variable: string, fallback: string) => string) => Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height?: number;
  /** What the chart shows, for assistive technology and as its caption. */
  label: string;
  /** The same data as a table. */
  table: ReactNode;
}

/** The theme's value of a CSS variable (styles.css switches them with `data-theme`). */
function themeColor(variable: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(variable).trim();
  return value === '' ? fallback : value;
}

/** Changes whenever `<html data-theme>` does. */
function useThemeKey(): string {
  const [theme, setTheme] = useState(() => document.documentElement.dataset.theme ?? '');
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(document.documentElement.dataset.theme ?? ''));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}

/** Whether this document can draw on a canvas (uPlot needs a 2D context). */
const canDraw = (): boolean => document.createElement('canvas').getContext('2d') !== null;

export function UplotChart({ options, data, height = 220, label, table }: UplotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const theme = useThemeKey();
  const [failed, setFailed] = useState(() => !canDraw());
  useEffect(() => {
    const el = box.current;
    if (el === null || failed) return;
    let chart: uPlot;
    try {
      chart = new uPlot({ ...options(themeColor), width: el.clientWidth || 600, height }, data, el);
    } catch {
      // The table below still carries the data.
      setFailed(true);
      return;
    }
    const resize = new ResizeObserver(() => chart.setSize({ width: el.clientWidth || 600, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [options, data, height, theme, failed]);
  return (
    <figure className="chart">
      <figcaption>{label}</figcaption>
      {/* Without a canvas (an old browser, a test DOM) the table below still carries the data. */}
      {!failed && <div ref={box} className="chart-canvas" role="img" aria-label={label} />}
      <details className="chart-data">
        <summary>Data as a table</summary>
        {table}
      </details>
    </figure>
  );
}
