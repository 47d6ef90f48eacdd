/** The value of one series (`name{labels}` exactly as exposed) in a Prometheus text answer; 0 when absent. */
export function prometheusSample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
