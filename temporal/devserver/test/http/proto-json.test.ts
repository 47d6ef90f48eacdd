import { temporal } from '@temporalio/proto';
import type { Type } from 'protobufjs';
import { durationToJson, messageFromJson, messageToJson, ProtoJsonError, timestampToJson } from '../../src/http/proto-json';

const typeOf = (t: unknown) => t as unknown as Type;
const ResetRequest = typeOf(temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest);
const DescribeResponse = typeOf(temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse);

describe(messageToJson.name, () => {
  it('writes int64 as strings, enums by name, bytes as base64, Timestamp and Duration as text', () => {
    const json = messageToJson(DescribeResponse, {
      executionConfig: { workflowRunTimeout: { seconds: 10 }, defaultWorkflowTaskTimeout: { seconds: 1, nanos: 500_000_000 } },
      workflowExecutionInfo: {
        status: 1,
        historyLength: 12,
        startTime: { seconds: 1_763_700_000, nanos: 125_000_000 },
        memo: { fields: { note: { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"x"') } } },
      },
    });
    expect(json).toMatchObject({
      executionConfig: { workflowRunTimeout: '10s', defaultWorkflowTaskTimeout: '1.500s' },
      workflowExecutionInfo: {
        status: 'WORKFLOW_EXECUTION_STATUS_RUNNING',
        historyLength: '12',
        startTime: '2025-11-21T04:40:00.125Z',
        memo: { fields: { note: { metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'Ingi' } } },
      },
      pendingActivities: [],
    });
  });
});

describe(timestampToJson.name, () => {
  it('writes 0, 3, 6 or 9 fractional digits', () => {
    expect(timestampToJson(0, 0)).toBe('1970-01-01T00:00:00Z');
    expect(timestampToJson(0, 1_000)).toBe('1970-01-01T00:00:00.000001Z');
    expect(timestampToJson(0, 7)).toBe('1970-01-01T00:00:00.000000007Z');
  });
});

describe(durationToJson.name, () => {
  it('writes seconds with an s suffix and keeps the sign', () => {
    expect(durationToJson(86_400, 0)).toBe('86400s');
    expect(durationToJson(0, -250_000_000)).toBe('-0.250s');
  });
});

describe(messageFromJson.name, () => {
  it('accepts numeric enums and int64 strings, as the UI sends in a reset', () => {
    const message = messageFromJson(ResetRequest, { workflowTaskFinishEventId: '4', resetReapplyType: 3, resetReapplyExcludeTypes: [1] }) as unknown as temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
    expect(String(message.workflowTaskFinishEventId)).toBe('4');
    expect(message.resetReapplyType).toBe(3);
    expect(message.resetReapplyExcludeTypes).toEqual([1]);
  });

  it('rejects a value of the wrong JSON type', () => {
    expect(() => messageFromJson(ResetRequest, { reason: 42 })).toThrow(ProtoJsonError);
  });
});
