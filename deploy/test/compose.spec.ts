import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { LUNAS_SEARCH_ATTRIBUTE_DEFINITIONS } from '@lunas/contracts';
import { metricsRegistry, tracesExportersOf } from '@lunas/observability';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const run = promisify(execFile);

interface Service {
  image?: string;
  build?: unknown;
  healthcheck?: { test: unknown };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  deploy?: { replicas?: number };
  entrypoint?: unknown;
  command?: unknown;
}
const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service> };
const services = compose.services;
/** Services that run once and exit (their dependants wait for `service_completed_successfully`). */
const oneShot = (name: string) => services[name].restart === 'no';

/** Runs Debian's docker-compose (1.29) on the repository's file with `env` as the only environment file. */
function dockerCompose(args: string[], envFile: string) {
  return run('docker-compose', ['--project-directory', ROOT, '--env-file', envFile, '-f', path.join(ROOT, 'docker-compose.yml'), ...args], {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
  });
}

/** `name:tag` or `name@sha256:…`, with a tag that is not `latest`. */
function isPinned(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const tag = /:([^/:]+)$/.exec(image)?.[1];
  return tag !== undefined && tag !== 'latest';
}

describe('docker-compose.yml', () => {
  it('passes `docker-compose config -q` with the documented .env.example', async () => {
    await expect(dockerCompose(['config', '-q'], path.join(ROOT, '.env.example'))).resolves.toBeDefined();
  });

  it('refuses to start without the secrets, naming the missing one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lunas-compose-'));
    const empty = path.join(dir, '.env');
    await writeFile(empty, '');
    await expect(dockerCompose(['config', '-q'], empty)).rejects.toMatchObject({ stderr: expect.stringMatching(/set \w+ in \.env/) });
    await rm(dir, { recursive: true });
  });

  it('documents in .env.example every variable it reads, each with a comment', () => {
    const used = new Set([...read('docker-compose.yml').matchAll(/\$\{(\w+)/g)].map((m) => m[1]));
    const example = read('.env.example').split('\n');
    const documented = new Map(example.flatMap((line, i) => (/^(\w+)=/.test(line) ? [[line.split('=')[0], example[i - 1] ?? '']] : [])));
    expect([...used].filter((name) => !documented.has(name))).toEqual([]);
    for (const name of used) expect(documented.get(name)).toMatch(/^# /);
  });

  it('pins every image, in the file and in the Dockerfiles it builds', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image) expect({ name, pinned: isPinned(service.image) }).toEqual({ name, pinned: true });
      else expect({ name, build: service.build }).toEqual({ name, build: expect.anything() });
    }
    for (const dockerfile of ['Dockerfile', 'deploy/freeradius/Dockerfile']) {
      const bases = [...read(dockerfile).matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
      const stages = new Set([...read(dockerfile).matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]));
      expect(bases.length).toBeGreaterThan(0);
      for (const base of bases.filter((b) => !stages.has(b))) expect({ dockerfile, base, pinned: isPinned(base) }).toEqual({ dockerfile, base, pinned: true });
    }
  });

  it('has a healthcheck on every long-running service, and every dependency waits for health or completion', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!oneShot(name)) expect({ name, healthcheck: service.healthcheck?.test }).toEqual({ name, healthcheck: expect.anything() });
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(Object.keys(services)).toContain(dependency);
        expect({ name, dependency, condition }).toEqual({
          name,
          dependency,
          condition: oneShot(dependency) ? 'service_completed_successfully' : 'service_healthy',
        });
      }
    }
  });

  it('runs two worker replicas', () => {
    expect(services['worker'].deploy?.replicas).toBe(2);
  });

  it('has every service the README names, and the README names every service', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## Production'));
    const table = section.slice(section.indexOf('| service |'), section.indexOf('\n\n', section.indexOf('| service |')));
    const named = [...table.matchAll(/^\| `([\w-]+)` \|/gm)].map((m) => m[1]);
    expect(named.sort()).toEqual(Object.keys(services).sort());
  });
});

describe('traces', () => {
  it('sends the API\'s and the workers\' traces over OTLP/HTTP to the Jaeger service, each under its own name', async () => {
    const { stdout } = await dockerCompose(['config'], path.join(ROOT, '.env.example'));
    const resolved = (parse(stdout) as { services: Record<string, { environment: Record<string, string> }> }).services;
    for (const [name, serviceName] of [['api', 'lunas-api'], ['worker', 'lunas-worker']]) {
      const env = resolved[name].environment;
      expect({ name, exporters: tracesExportersOf(env), serviceName: env['OTEL_SERVICE_NAME'] }).toEqual({ name, exporters: ['otlp'], serviceName });
      const endpoint = new URL(env['OTEL_EXPORTER_OTLP_ENDPOINT']);
      expect({ name, host: endpoint.hostname, port: endpoint.port }).toEqual({ name, host: 'jaeger', port: '4318' });
      expect(services[name].depends_on?.['jaeger']).toEqual({ condition: 'service_healthy' });
    }
    expect(services['jaeger'].image).toMatch(/^jaegertracing\//);
  });
});

describe('search attributes', () => {
  /** `DATETIME` (SDK) and `Datetime` (CLI) name one type. */
  const typeKey = (type: string) => type.replace(/_/g, '').toLowerCase();

  it('registers exactly the attributes the subscription workflow upserts, with their types', () => {
    const registered = read('temporal/search-attributes.txt').split(/\s+/).filter(Boolean).map((pair) => {
      const [name, type] = pair.split('=');
      return `${name}=${typeKey(type)}`;
    });
    const upserted = LUNAS_SEARCH_ATTRIBUTE_DEFINITIONS.map(({ name, type }) => `${name}=${typeKey(type)}`);
    expect(registered.sort()).toEqual(upserted.sort());
  });

  it('is the file the setup script reads, and compose runs that script against the server', () => {
    expect(read('temporal/setup-search-attributes.sh')).toContain('search-attributes.txt');
    expect(services['temporal-setup'].entrypoint).toEqual(['/bin/sh', '/lunas-temporal/setup-search-attributes.sh']);
  });
});

describe('Prometheus and Grafana', () => {
  it('scrapes only services that exist', () => {
    const config = parse(read('deploy/prometheus/prometheus.yml')) as {
      scrape_configs: Array<{ static_configs?: Array<{ targets: string[] }>; dns_sd_configs?: Array<{ names: string[] }> }>;
    };
    const hosts = config.scrape_configs.flatMap((job) => [
      ...(job.static_configs ?? []).flatMap((c) => c.targets.map((target) => target.split(':')[0])),
      ...(job.dns_sd_configs ?? []).flatMap((c) => c.names),
    ]);
    expect(hosts.length).toBeGreaterThan(0);
    for (const host of hosts) expect(Object.keys(services)).toContain(host);
  });

  it('charts only Lunas metrics the processes define', async () => {
    const dashboard = JSON.parse(read('deploy/grafana/dashboards/lunas.json')) as { panels: Array<{ targets: Array<{ expr: string }> }> };
    const charted = new Set(dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => [...target.expr.matchAll(/\b(lunas_\w+?)(?:_bucket|_count|_sum)?\b/g)].map((m) => m[1]))));
    const defined = new Set((await metricsRegistry.getMetricsAsJSON()).map((metric) => metric.name));
    expect(charted.size).toBeGreaterThanOrEqual(8);
    expect([...charted].filter((name) => !defined.has(name))).toEqual([]);
  });
});
