/**
 * Error answers: unserved methods, malformed and invalid requests, unknown tasks. The server survives all.
 */
import * as grpc from '@grpc/grpc-js';
import { Client, Connection } from '@temporalio/client';
import { DevServer, startDevServer } from '../src';

jest.setTimeout(30_000);

const SERVICE = '/temporal.api.workflowservice.v1.WorkflowService';

describe(startDevServer.name, () => {
  let server: DevServer;
  let connection: Connection;
  let client: Client;
  let raw: grpc.Client;

  beforeAll(async () => {
    server = await startDevServer({ port: 0 });
    connection = await Connection.connect({ address: server.address });
    client = new Client({ connection });
    raw = new grpc.Client(server.address, grpc.credentials.createInsecure());
  });
  afterAll(async () => {
    raw.close();
    await connection.close();
    await server.close();
  });

  const rawCall = (method: string, body: Buffer) =>
    new Promise<grpc.ServiceError | undefined>((resolve) =>
      raw.makeUnaryRequest(`${SERVICE}/${method}`, (b: Buffer) => b, (b: Buffer) => b, body, (error) => resolve(error ?? undefined)),
    );

  describe('errors', () => {
    it('answers UNIMPLEMENTED naming an unserved method', async () => {
      await expect(client.workflowService.listBatchOperations({ namespace: 'default' })).rejects.toMatchObject({
        code: grpc.status.UNIMPLEMENTED,
        details: expect.stringContaining('ListBatchOperations'),
      });
    });

    it('answers INVALID_ARGUMENT to an undecodable request and keeps serving', async () => {
      const error = await rawCall('StartWorkflowExecution', Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]));
      expect(error?.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(error?.details).toContain('malformed StartWorkflowExecution request');
      const info = await client.workflowService.getSystemInfo({});
      expect(info.capabilities?.sdkMetadata).toBe(true);
    });

    it('answers INVALID_ARGUMENT with the reason for a request missing required fields', async () => {
      await expect(
        client.workflowService.startWorkflowExecution({ namespace: 'default', workflowType: { name: 'x' }, taskQueue: { name: 'q' } }),
      ).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: 'WorkflowId is not set on request.' });
      await expect(
        client.workflowService.respondActivityTaskCompleted({ namespace: 'default', taskToken: Buffer.from('garbage') }),
      ).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: 'invalid task token' });
    });

    it('answers NOT_FOUND for unknown namespaces, workflows and tasks', async () => {
      await expect(client.workflowService.describeNamespace({ namespace: 'nope' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
      await expect(client.workflow.getHandle('missing').describe()).rejects.toThrow(/not found/);
      const token = Buffer.from(JSON.stringify({ k: 'a', ns: 'default', r: 'gone', s: 5, a: 1 }));
      await expect(client.workflowService.recordActivityTaskHeartbeat({ namespace: 'default', taskToken: token })).rejects.toMatchObject({
        code: grpc.status.NOT_FOUND,
      });
    });
  });
});
