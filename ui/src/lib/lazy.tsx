/** The heavy components (React Flow, uPlot), loaded only on the pages that draw them. */
import { lazy, Suspense, type ComponentProps, type ComponentType } from 'react';
import { Loading } from './states.js';

const loadDagView = () => import('../components/dag/DagView.js');
const DagViewLazy = lazy(loadDagView);
/** Starts loading the DAG code now (a page that will draw one calls it before its data arrives). */
export const preloadDagView = (): void => void loadDagView();
const GanttLazy = lazy(() => import('../components/gantt/Gantt.js'));
const DurationChartLazy = lazy(() => import('../components/charts/DurationChart.js'));
const StatsChartsLazy = lazy(() => import('../components/charts/StatsCharts.js'));
const LogViewerLazy = lazy(() => import('../components/logs/LogViewer.js'));

function suspended<P extends object>(Inner: ComponentType<P>, what: string) {
  return function Suspended(props: P) {
    return (
      <Suspense fallback={<Loading what={what} />}>
        <Inner {...props} />
      </Suspense>
    );
  };
}

export const DagView = suspended(DagViewLazy as ComponentType<ComponentProps<typeof DagViewLazy>>, 'the DAG');
export const Gantt = suspended(GanttLazy as ComponentType<ComponentProps<typeof GanttLazy>>, 'the timeline');
export const DurationChart = suspended(DurationChartLazy as ComponentType<ComponentProps<typeof DurationChartLazy>>, 'the chart');
export const StatsCharts = suspended(StatsChartsLazy as ComponentType<ComponentProps<typeof StatsChartsLazy>>, 'the charts');
export const LogViewer = suspended(LogViewerLazy as ComponentType<ComponentProps<typeof LogViewerLazy>>, 'the log');
