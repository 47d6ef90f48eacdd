/**
 * The in-flight update limit: an eleventh update admitted (or accepted) but not completed is refused with
 * RESOURCE_EXHAUSTED and the real server's message and details; a completed update frees its place.
 */
import { Connection } from '@temporalio/client';
import { google, temporal } from '@temporalio/proto';
import { DevServer, startDevServer } from '../src';
import { uniqueId } from './helpers';

const Stage = temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage;

jest.setTimeout(30_000);

describe(`${startDevServer.name} in-flight update limit`, () => {
  let server: DevServer;
  let connection: Connection;

  beforeAll(async () => {
    server = await startDevServer({ port: 0 });
    // No retry interceptor: the RESOURCE_EXHAUSTED answer itself is under test.
    connection = await Connection.connect({ address: server.address, interceptors: [] });
  });
  afterAll(async () => {
    await connection?.close();
    await server?.close();
  });

  it('refuses an eleventh update in flight with RESOURCE_EXHAUSTED, CONCURRENT_LIMIT and NAMESPACE scope', async () => {
    const service = connection.workflowService;
    const workflowId = uniqueId('busy');
    // No worker polls this queue: admitted updates stay in flight.
    await service.startWorkflowExecution({ namespace: 'default', workflowId, workflowType: { name: 'staged' }, taskQueue: { name: uniqueId('idle') }, requestId: workflowId });
    const update = (updateId: string) =>
      service.updateWorkflowExecution({
        namespace: 'default',
        workflowExecution: { workflowId },
        waitPolicy: { lifecycleStage: Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED },
        request: { meta: { updateId }, input: { name: 'setStage' } },
      });
    for (let i = 0; i < 10; i++) expect((await update(`u${i}`)).stage).toBe(Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED);
    // A repeated id is the same update, not a new one.
    expect((await update('u3')).stage).toBe(Stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED);

    const refusal = await update('u10').catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: 8, details: 'limit on number of concurrent in-flight updates has been reached (10)' }); // RESOURCE_EXHAUSTED
    const bin = (refusal as { metadata: { get(key: string): Buffer[] } }).metadata.get('grpc-status-details-bin')[0];
    const status = google.rpc.Status.decode(bin);
    expect(status.details.map((d) => d.type_url)).toEqual(['type.googleapis.com/temporal.api.errordetails.v1.ResourceExhaustedFailure']);
    const failure = temporal.api.errordetails.v1.ResourceExhaustedFailure.decode(status.details[0].value as Uint8Array);
    expect(failure.cause).toBe(temporal.api.enums.v1.ResourceExhaustedCause.RESOURCE_EXHAUSTED_CAUSE_CONCURRENT_LIMIT);
    expect(failure.scope).toBe(temporal.api.enums.v1.ResourceExhaustedScope.RESOURCE_EXHAUSTED_SCOPE_NAMESPACE);
  });
});
