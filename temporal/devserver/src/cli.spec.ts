import { parseArgs } from './cli';

describe(parseArgs.name, () => {
  it('reads the Temporal CLI start-dev form that @temporalio/testing spawns', () => {
    const { options, warnings } = parseArgs([
      'server', 'start-dev', '--port', '7244', '--namespace', 'lunas', '--ip', '0.0.0.0', '--log-format', 'json',
      '--log-level', 'error', '--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true', '--db-filename', '/tmp/x.db',
      '--ui-port', '8244', '--search-attribute', 'CustomerId=Keyword', '--namespace=billing',
    ]);
    expect(options).toMatchObject({
      port: 7244,
      ip: '0.0.0.0',
      namespaces: ['lunas', 'billing'],
      logFormat: 'json',
      logLevel: 'error',
      dbFilename: '/tmp/x.db',
      uiPort: 8244,
      searchAttributes: { CustomerId: 'Keyword' },
    });
    expect(options.timeSkipping).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('reads the test-server form PORT [args] as time skipping', () => {
    const { options } = parseArgs(['7255', '--search-attribute', 'Plan=Text']);
    expect(options).toMatchObject({ port: 7255, timeSkipping: true, searchAttributes: { Plan: 'Text' } });
  });

  it('warns about unknown flags instead of failing', () => {
    const { options, warnings } = parseArgs(['server', 'start-dev', '--headless', '--frobnicate', 'yes', '--port', '1']);
    expect(options.port).toBe(1);
    expect(warnings).toEqual(['ignoring unknown flag --frobnicate']);
  });
});
