import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import pino from 'pino';
import { eventually, OtlpReceiver } from '@lunas/testing';
import { activeTracing, currentTraceParent, inSpanAfter, lunasTracer, spansAfter, startTracing, tracedPort, traceLogFields, tracesExportersOf } from './tracing';

const OTEL_VARIABLES = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME', 'OTEL_BSP_SCHEDULE_DELAY', 'OTEL_TRACES_EXPORTER'];

function logLines(): { logger: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ mixin: traceLogFields }, sink), lines };
}

describe(tracesExportersOf.name, () => {
  it('is off without OTEL_* variables, and when OTEL_SDK_DISABLED or OTEL_TRACES_EXPORTER=none says so', () => {
    expect(tracesExportersOf({})).toEqual([]);
    expect(tracesExportersOf({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual([]);
    expect(tracesExportersOf({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual([]);
  });

  it('exports over OTLP when an endpoint is set, or what OTEL_TRACES_EXPORTER names', () => {
    expect(tracesExportersOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual(['otlp']);
    expect(tracesExportersOf({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toEqual(['otlp']);
    expect(tracesExportersOf({ OTEL_TRACES_EXPORTER: 'otlp, console' })).toEqual(['otlp', 'console']);
  });

  it('refuses an exporter this build does not have', () => {
    expect(() => tracesExportersOf({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow('OTEL_TRACES_EXPORTER: unknown exporter zipkin');
  });
});

describe(startTracing.name, () => {
  afterEach(async () => {
    await activeTracing()?.shutdown();
    for (const name of OTEL_VARIABLES) delete process.env[name];
  });

  it('does nothing without OTEL_* variables: spans are no-ops, nothing is stored or logged for them', () => {
    expect(startTracing('lunas-test')).toBeUndefined();
    expect(activeTracing()).toBeUndefined();
    const { logger, lines } = logLines();
    lunasTracer().startActiveSpan('work', (span) => {
      expect(span.isRecording()).toBe(false);
      expect(currentTraceParent()).toBeNull();
      logger.info('inside');
      span.end();
    });
    expect(lines[0]).not.toHaveProperty('trace_id');
    const port = { send: async () => 'sent' };
    expect(tracedPort('notification', port)).toBe(port);
  });

  describe('with OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_SERVICE_NAME', () => {
    let receiver: OtlpReceiver;
    beforeAll(async () => {
      receiver = await OtlpReceiver.start();
    });
    afterAll(() => receiver.close());

    it('exports to the endpoint under the service name, continues a stored traceparent and logs the trace ids', async () => {
      Object.assign(process.env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'lunas-api-eu', OTEL_BSP_SCHEDULE_DELAY: '50' });
      expect(startTracing('lunas-api')).toBe(activeTracing());
      const { logger, lines } = logLines();

      const stored = lunasTracer().startActiveSpan('request', (span) => {
        logger.info('in the request');
        span.end();
        return { traceParent: currentTraceParent(), traceId: span.spanContext().traceId, spanId: span.spanContext().spanId };
      });
      expect(stored.traceParent).toBe(`00-${stored.traceId}-${stored.spanId}-01`);
      expect(lines[0]).toMatchObject({ msg: 'in the request', trace_id: stored.traceId, span_id: stored.spanId });

      await inSpanAfter('later', stored.traceParent as string, { 'lunas.step': 1 }, async () => logger.info('later, elsewhere'));
      const batch = spansAfter('batch', [stored.traceParent, null]);
      batch.end(new Error('batch failed'));

      await eventually(() => expect(receiver.trace(stored.traceId).map((span) => span.name).sort()).toEqual(['batch', 'later', 'request']), 10_000);
      const spans = receiver.trace(stored.traceId);
      expect(new Set(spans.map((span) => span.service))).toEqual(new Set(['lunas-api-eu']));
      for (const name of ['later', 'batch']) expect(spans.find((span) => span.name === name)?.parentSpanId).toBe(stored.spanId);
      expect(lines[1]).toMatchObject({ msg: 'later, elsewhere', trace_id: stored.traceId });
      expect(lines[1]['span_id']).toBe(spans.find((span) => span.name === 'later')?.spanId);
      expect(receiver.spans.filter((span) => span.service === 'lunas-api-eu')).toHaveLength(3);
    });

    it('wraps each call through a traced port in a client span of the caller\'s trace, failed ones marked', async () => {
      Object.assign(process.env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '50' });
      startTracing('lunas-worker');
      const radius = tracedPort('network', {
        nas: '10.0.0.1',
        async suspend(user: string) {
          return `${user} via ${this.nas}`;
        },
        async unsuspend(): Promise<string> {
          throw new Error('NAK');
        },
      });
      const traceId = await lunasTracer().startActiveSpan('RunActivity:enforceNetwork', async (span) => {
        expect(await radius.suspend('pppoe-1')).toBe('pppoe-1 via 10.0.0.1');
        await expect(radius.unsuspend()).rejects.toThrow('NAK');
        span.end();
        return span.spanContext().traceId;
      });
      await eventually(() => expect(receiver.trace(traceId)).toHaveLength(3), 10_000);
      const spans = receiver.trace(traceId);
      const parent = spans.find((span) => span.name === 'RunActivity:enforceNetwork')?.spanId;
      expect(spans.filter((span) => span.parentSpanId === parent).map((span) => span.name).sort()).toEqual(['network suspend', 'network unsuspend']);
      expect(spans.find((span) => span.name === 'network suspend')?.attributes).toEqual({ 'lunas.outbound.system': 'network' });
    });

    it('stops exporting at shutdown; the API is a no-op again', async () => {
      Object.assign(process.env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
      await startTracing('lunas-api')?.shutdown();
      expect(activeTracing()).toBeUndefined();
      expect(trace.getTracer('x').startSpan('after').isRecording()).toBe(false);
    });
  });
});
