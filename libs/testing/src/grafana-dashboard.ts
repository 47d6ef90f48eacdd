import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const DASHBOARD = path.resolve(__dirname, '../../../deploy/grafana/dashboards/lunas.json');

/** A series one panel of the provisioned Grafana dashboard queries. */
export interface ChartedSeries {
  panel: string;
  series: string;
}

/** Series only the API exports (the workers define them too, but never observe them). */
export const API_SERIES = /^lunas_(http|webhook|payments_booked)_/;

/** Every `lunas_*` and `temporal_*` series (as written: `_bucket`, `_count` included) each panel's PromQL queries. */
export function chartedSeries(): { panels: number; charted: ChartedSeries[] } {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Array<{ title: string; targets: Array<{ expr: string }> }> };
  const charted = dashboard.panels.flatMap((panel) =>
    panel.targets.flatMap((target) => [...target.expr.matchAll(/\b((?:lunas|temporal)_\w+)\b/g)].map((m) => ({ panel: panel.title, series: m[1] }))),
  );
  return { panels: dashboard.panels.length, charted };
}

/** The series names with at least one sample in a Prometheus text exposition. */
export function exportedSeries(exposition: string): Set<string> {
  return new Set([...exposition.matchAll(/^([a-zA-Z_:][\w:]*)(?:\{| )/gm)].map((m) => m[1]));
}
