/** The throwaway cluster started by the global setup, shared with the global teardown (same process). */
interface TestCluster {
  stop(): Promise<void>;
  dataDir: string;
}

const KEY = Symbol.for('lunas.persistence.testCluster');
type Holder = { [KEY]?: TestCluster };

export function setTestCluster(cluster: TestCluster): void {
  (globalThis as Holder)[KEY] = cluster;
}

export function takeTestCluster(): TestCluster | undefined {
  const cluster = (globalThis as Holder)[KEY];
  delete (globalThis as Holder)[KEY];
  return cluster;
}
