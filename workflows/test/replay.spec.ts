import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { type ReplayResult, Worker } from '@temporalio/worker';
import { TRACING_INTERCEPTORS_PATH, WORKFLOWS_PATH, workflowBundlerOptions } from '../../apps/worker/src/temporal/workflow-bundle';
import { HISTORIES_DIR, readHistory } from './support/harness';

/** Scenario histories of the current code, and (in `activity-issue/`) those recorded before issueInvoice ran locally. */
const SCENARIOS = ['paid-cycle', 'partial-then-rest', 'promise-broken', 'unpaid-suspended'];
const HISTORY_SETS = ['', 'activity-issue/'];

const histories = () =>
  HISTORY_SETS.flatMap((set) =>
    fs
      .readdirSync(path.join(HISTORIES_DIR, set))
      .filter((file) => file.endsWith('.json'))
      .map((file) => ({ workflowId: `${set}${path.basename(file, '.json')}`, history: readHistory(path.join(HISTORIES_DIR, set, file)) })),
  );

/** Replays every committed history; `workflowModules`: workflow interceptor modules bundled with the workflows. */
async function replayAll(workflowsPath: string, workflowModules: string[] = []): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  const options = { workflowsPath, bundlerOptions: workflowBundlerOptions, interceptors: { workflowModules } };
  for await (const result of Worker.runReplayHistories(options, histories())) results.push(result);
  return results;
}

describe(Worker.runReplayHistories.name, () => {
  it('replays every committed subscription history with the current workflow code', async () => {
    const results = await replayAll(WORKFLOWS_PATH);
    expect(results.map((result) => result.workflowId).sort()).toEqual(HISTORY_SETS.flatMap((set) => SCENARIOS.map((name) => `${set}${name}`)).sort());
    expect(results.filter((result) => result.error)).toEqual([]);
  });

  it('replays them with the OpenTelemetry workflow interceptors bundled too (a worker with traces on)', async () => {
    const results = await replayAll(WORKFLOWS_PATH, [TRACING_INTERCEPTORS_PATH]);
    expect(results).toHaveLength(HISTORY_SETS.length * SCENARIOS.length);
    expect(results.filter((result) => result.error)).toEqual([]);
  });

  it('fails with DeterminismViolationError when the workflow code changes incompatibly', async () => {
    const results = await replayAll(path.join(__dirname, 'replay/nondeterministic-workflow.ts'));
    expect(results).toHaveLength(HISTORY_SETS.length * SCENARIOS.length);
    for (const result of results) expect(result.error).toBeInstanceOf(DeterminismViolationError);
  });
});
