import { Writable } from 'node:stream';
import pino from 'pino';
import { PinoSdkLogger } from './sdk-logger';

function capture(level: string): { logger: PinoSdkLogger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: new PinoSdkLogger(pino({ level }, sink)), lines };
}

describe(PinoSdkLogger.name, () => {
  it('writes the SDK metadata as fields of a pino line at the matching level', () => {
    const { logger, lines } = capture('debug');
    logger.debug('Activity started', { activityType: 'issueInvoice', isLocal: true, taskToken: 'dG9rZW4=' });
    logger.log('WARN', 'Workflow task failed', { workflowId: 'subscription-t-s' });
    expect(lines).toEqual([
      expect.objectContaining({ level: 20, msg: 'Activity started', activityType: 'issueInvoice', isLocal: true, taskToken: 'dG9rZW4=', component: 'temporal-sdk' }),
      expect.objectContaining({ level: 40, msg: 'Workflow task failed', workflowId: 'subscription-t-s', component: 'temporal-sdk' }),
    ]);
  });

  it('drops lines below the app log level', () => {
    const { logger, lines } = capture('info');
    logger.trace('Activation');
    logger.debug('Activity started', { activityType: 'notify' });
    logger.info('Workflow completed');
    logger.error('Worker failed');
    expect(lines.map((line) => line['msg'])).toEqual(['Workflow completed', 'Worker failed']);
  });
});
