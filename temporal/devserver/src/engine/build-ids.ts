/**
 * Build ids of unversioned workers, as the real server keeps them: the worker's version stamp
 * (`workerVersionStamp`, sent because GetSystemInfo advertises `buildIdBasedVersioning`) is recorded on
 * WorkflowTaskCompleted (`workerVersion`, which the SDK reads back as the workflow's current build id on
 * replay), shown as `mostRecentWorkerVersionStamp` in describe, and the `BuildIds` search attribute collects
 * `unversioned` and `unversioned:<buildId>` (`versioned:<buildId>` for a stamp with `useVersioning`), the most
 * recent 20 kept.
 */
import { common, Payload } from '../proto';
import type { Run } from '../state/run';
import { decodeSearchAttributePayload, encodeSearchAttributePayload, IndexedValueType } from '../visibility';

export const BUILD_IDS_ATTRIBUTE = 'BuildIds';
/** The real server's `limit.maxTrackedBuildIds` default. */
const MAX_TRACKED_BUILD_IDS = 20;
const UNVERSIONED = 'unversioned';

/** The stamp to record, or undefined when the worker sent none. */
export function versionStamp(stamp: common.IWorkerVersionStamp | null | undefined): common.IWorkerVersionStamp | undefined {
  if (!stamp) return undefined;
  return { buildId: stamp.buildId ?? '', useVersioning: stamp.useVersioning ?? false };
}

/** Records a completed task's stamp on the run; true when the `BuildIds` search attribute changed. */
export function trackBuildId(run: Run, stamp: common.IWorkerVersionStamp | undefined): boolean {
  if (!stamp) return false;
  run.mostRecentWorkerVersionStamp = { buildId: stamp.buildId ?? '', useVersioning: stamp.useVersioning ?? false };
  const toAdd: string[] = [];
  if (!stamp.useVersioning) toAdd.push(UNVERSIONED);
  if (stamp.buildId) toAdd.push(`${stamp.useVersioning ? 'versioned' : UNVERSIONED}:${stamp.buildId}`);
  const current = currentBuildIds(run.searchAttributes[BUILD_IDS_ATTRIBUTE]);
  const missing = toAdd.filter((value) => !current.includes(value));
  if (missing.length === 0) return false;
  const next = [...current, ...missing].slice(-MAX_TRACKED_BUILD_IDS);
  run.searchAttributes[BUILD_IDS_ATTRIBUTE] = encodeSearchAttributePayload(next, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST);
  return true;
}

function currentBuildIds(payload: Payload | undefined): string[] {
  if (!payload) return [];
  const value = decodeSearchAttributePayload(payload, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST);
  return Array.isArray(value) ? value : [];
}
