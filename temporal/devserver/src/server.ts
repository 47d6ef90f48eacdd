/**
 * Programmatic entry point: start an in-process dev server (Temporal frontend gRPC API) and close it.
 */
import * as grpc from '@grpc/grpc-js';
import { Clock, RealClock } from './clock/clock';
import { SkippingClock } from './clock/skipping-clock';
import { TimeSkipper } from './clock/time-skipper';
import { Engine, JournalRecord } from './engine/engine';
import { bindService, UnaryHandler } from './grpc/bind-service';
import { installFastDecompression } from './grpc/fast-decompress';
import { httpUiServer, PollerRegistry, withDerivedHandlers } from './http';
import { createLogger, LogLevel } from './logger';
import { Journal } from './persistence/journal';
import { protoRoot } from './proto';
import { operatorServiceHandlers } from './service/operator-service';
import { testServiceHandlers } from './service/test-service';
import { workflowServiceHandlers } from './service/workflow-service';
import { Namespaces } from './state/namespaces';
import { indexedValueTypeFromName, SearchAttributeRegistry } from './visibility';

/** Default frontend port, as `temporal server start-dev`. */
export const DEFAULT_PORT = 7233;
/** Default bind address, as `temporal server start-dev`. */
export const DEFAULT_IP = '127.0.0.1';
/** Long polls (task queues) answer empty after 60 s, like the real server. */
export const DEFAULT_LONG_POLL_MS = 60_000;
/** Journal compaction starts once the file exceeds 64 MiB (and twice its last snapshot). */
export const COMPACTION_MIN_BYTES = 64 * 1024 * 1024;
/** Startup compacts the journal when it holds more than 4 records per run (restarts stay fast otherwise). */
const REWRITE_RECORDS_PER_RUN = 4;
/** Messages up to 128 MiB: large histories are sent whole. */
const MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

export interface DevServerOptions {
  /** Frontend gRPC port; 0 picks a free one. Default 7233. */
  port?: number;
  /** Bind address. Default 127.0.0.1. */
  ip?: string;
  /** Namespaces besides `default`. */
  namespaces?: string[];
  /** Journal file; state survives restarts (and kill -9) when set, else it lives in memory only. */
  dbFilename?: string;
  /** Test-server mode: virtual clock plus `TestService` (time skipping, locked at start). */
  timeSkipping?: boolean;
  /** Custom search attributes, name → type name (`Keyword`, `Int`, …), as `--search-attribute`. */
  searchAttributes?: Record<string, string>;
  logLevel?: LogLevel;
  logFormat?: 'pretty' | 'json';
  /** Port for the HTTP server (Web UI and its `/api/v1` API); 0 picks a free one. Unset: no HTTP server. */
  uiPort?: number;
  /** Starts the HTTP server when `uiPort` is set. Default: the Web UI and its API (`src/http`). */
  uiServer?: UiServerFactory;
  /** Long-poll limit for task queue polls, ms. Default 60 000. */
  longPollMs?: number;
}

export interface UiServerContext {
  engine: Engine;
  ip: string;
  uiPort: number;
  /** The gRPC frontend address, `ip:port`. */
  frontendAddress: string;
  /** Fully qualified service name → the handlers the gRPC server binds (for HTTP dispatch). */
  services: Record<string, Record<string, UnaryHandler>>;
}

export type UiServerFactory = (context: UiServerContext) => Promise<{ port?: number; close(): Promise<void> }>;

export interface DevServer {
  /** `host:port` to give to `Connection.connect` / `NativeConnection.connect`. */
  address: string;
  port: number;
  /** The bound HTTP (Web UI) port, when `uiPort` was set. */
  uiPort?: number;
  engine: Engine;
  close(): Promise<void>;
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const log = createLogger(options.logLevel ?? 'warn', options.logFormat ?? 'pretty');
  const ip = options.ip ?? DEFAULT_IP;
  const skippingClock = options.timeSkipping ? new SkippingClock() : undefined;
  const clock: Clock = skippingClock ?? new RealClock();
  const namespaces = new Namespaces(options.namespaces ?? []);
  const searchAttributes = searchAttributeRegistry(namespaces, options.searchAttributes ?? {});

  let journal: Journal | undefined;
  let records: unknown[] = [];
  if (options.dbFilename) ({ journal, records } = Journal.open(options.dbFilename));
  const engine = new Engine({ clock, namespaces, log, journal, longPollMs: options.longPollMs ?? DEFAULT_LONG_POLL_MS, searchAttributes });
  if (journal) {
    const started = Date.now();
    engine.recover(records as JournalRecord[]);
    if (records.length > REWRITE_RECORDS_PER_RUN * (engine.runs.size + engine.schedules.size)) journal.rewrite(engine.snapshot());
    journal.enableCompaction(() => engine.snapshot(), COMPACTION_MIN_BYTES);
    log.info(`recovered ${engine.runs.size} runs (${engine.openRuns.size} open) in ${Date.now() - started} ms`);
  }
  await engine.saveMetadata();

  installFastDecompression();
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.http2.min_ping_interval_without_data_ms': 1000,
  });
  const pollers = new PollerRegistry(clock);
  const services = {
    'temporal.api.workflowservice.v1.WorkflowService': withDerivedHandlers(pollers.track(workflowServiceHandlers(engine)), pollers),
    'temporal.api.operatorservice.v1.OperatorService': operatorServiceHandlers(engine),
  };
  for (const [name, handlers] of Object.entries(services)) bindService(server, protoRoot, name, handlers, log);
  let skipper: TimeSkipper | undefined;
  if (skippingClock) {
    skippingClock.countActivityLocks(() => engine.runningActivities());
    skipper = new TimeSkipper(skippingClock, engine);
    bindService(server, protoRoot, 'temporal.api.testservice.v1.TestService', testServiceHandlers(engine, skippingClock, skipper), log);
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${ip}:${options.port ?? DEFAULT_PORT}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  const address = `${ip.includes(':') ? `[${ip}]` : ip}:${port}`;
  const uiServer = options.uiServer ?? httpUiServer;
  let ui: Awaited<ReturnType<UiServerFactory>> | undefined;
  try {
    if (options.uiPort !== undefined) ui = await uiServer({ engine, ip, uiPort: options.uiPort, frontendAddress: address, services });
  } catch (error) {
    server.forceShutdown();
    await engine.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    address,
    port,
    uiPort: ui?.port,
    engine,
    close: () =>
      (closing ??= (async () => {
        skipper?.stop();
        await ui?.close();
        server.forceShutdown();
        await engine.close();
      })()),
  };
}

/** Registers `--search-attribute NAME=TYPE` attributes in every namespace (unknown types are an error). */
function searchAttributeRegistry(namespaces: Namespaces, attributes: Record<string, string>): SearchAttributeRegistry {
  const registry = new SearchAttributeRegistry();
  const typed: Record<string, number> = {};
  for (const [name, typeName] of Object.entries(attributes)) {
    const type = indexedValueTypeFromName(typeName);
    if (type === undefined) throw new Error(`unknown search attribute type "${typeName}" for ${name}`);
    typed[name] = type;
  }
  if (Object.keys(typed).length > 0) for (const ns of namespaces.list()) registry.add(ns.name, typed);
  return registry;
}
