import { defaultUiPort, parseArgs } from '../../src/cli';

describe(parseArgs.name, () => {
  describe('--ui-port', () => {
    it('defaults to the gRPC port + 1000 for start-dev, as the Temporal CLI', () => {
      expect(parseArgs(['server', 'start-dev', '--port', '7300']).options.uiPort).toBe(8300);
      expect(parseArgs(['server', 'start-dev']).options.uiPort).toBe(8233);
    });

    it('keeps an explicit port, whatever the flag order', () => {
      expect(parseArgs(['server', 'start-dev', '--ui-port', '9000', '--port', '7300']).options.uiPort).toBe(9000);
    });

    it('is off with --headless and in the test-server form', () => {
      expect(parseArgs(['server', 'start-dev', '--headless', '--port', '7300']).options.uiPort).toBeUndefined();
      expect(parseArgs(['server', 'start-dev', '--ui-port', '9000', '--headless']).options.uiPort).toBeUndefined();
      expect(parseArgs(['7400']).options.uiPort).toBeUndefined();
    });

    it('warns about an invalid port and uses the default', () => {
      const { options, warnings } = parseArgs(['server', 'start-dev', '--port', '7300', '--ui-port', 'web']);
      expect(options.uiPort).toBe(8300);
      expect(warnings).toEqual(['invalid UI port, using the default']);
    });
  });
});

describe(defaultUiPort.name, () => {
  it('keeps 0 (a free port) as 0 and caps at 65535', () => {
    expect(defaultUiPort(0)).toBe(0);
    expect(defaultUiPort(65_000)).toBe(65_535);
  });
});
