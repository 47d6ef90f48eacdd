import { ISOLIR_PRIORITY, PACKAGE_PRIORITY, type ReplyAttribute } from './profiles';

/**
 * What provisioning runs its SQL on: a TypeORM `EntityManager` / `QueryRunner` (whose `query` answers a SELECT or an
 * INSERT with its rows), inside the caller's transaction, so the FreeRADIUS rows change together with the
 * subscription (or not at all).
 */
export interface SqlExecutor {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** A live session as FreeRADIUS accounting recorded it (`radacct` row without a stop time). */
export interface ActiveSession {
  acctSessionId: string;
  userName: string;
  nasIpAddress: string;
  framedIpAddress: string | null;
  startedAt: Date | null;
}

/**
 * Replaces the group's `radgroupreply` rows when they differ from `replies` (idempotent). Many transactions provision
 * subscribers of the same package and mitra at once: an unchanged group is only read, and a change is serialised by
 * a transaction-scoped advisory lock on the group name, so concurrent writers neither deadlock nor interleave.
 */
export async function writeGroup(sql: SqlExecutor, groupName: string, replies: ReplyAttribute[]): Promise<void> {
  const same = (rows: ReplyAttribute[]): boolean =>
    rows.length === replies.length && rows.every((row, i) => row.attribute === replies[i].attribute && row.value === replies[i].value);
  if (same(await groupReplies(sql, groupName))) return;
  await sql.query(`SELECT pg_advisory_xact_lock(hashtext('radgroupreply:' || $1))`, [groupName]);
  if (same(await groupReplies(sql, groupName))) return;
  await sql.query(`DELETE FROM radgroupreply WHERE groupname = $1`, [groupName]);
  for (const reply of replies) {
    await sql.query(`INSERT INTO radgroupreply (groupname, attribute, op, value) VALUES ($1, $2, ':=', $3)`, [groupName, reply.attribute, reply.value]);
  }
}

/**
 * The subscriber as FreeRADIUS needs it: `Cleartext-Password` in `radcheck` (PAP, CHAP and MS-CHAP all need the
 * clear password; null keeps the one there) and membership of exactly one package group. An isolir membership is
 * left as it is.
 */
export async function writeSubscriber(sql: SqlExecutor, user: { userName: string; password: string | null; groupName: string }): Promise<void> {
  if (user.password !== null) {
    // One statement, and no write at all when the password row is already the only one (the usual case).
    await sql.query(
      `WITH stale AS (DELETE FROM radcheck WHERE username = $1 AND NOT (attribute = 'Cleartext-Password' AND op = ':=' AND value = $2) RETURNING id)
       INSERT INTO radcheck (username, attribute, op, value)
       SELECT $1, 'Cleartext-Password', ':=', $2
        WHERE NOT EXISTS (SELECT 1 FROM radcheck WHERE username = $1 AND attribute = 'Cleartext-Password' AND op = ':=' AND value = $2)`,
      [user.userName, user.password],
    );
  }
  await sql.query(`DELETE FROM radusergroup WHERE username = $1 AND priority = $2 AND groupname <> $3`, [user.userName, PACKAGE_PRIORITY, user.groupName]);
  await sql.query(
    `INSERT INTO radusergroup (username, groupname, priority) VALUES ($1, $2, $3) ON CONFLICT (username, groupname) DO NOTHING`,
    [user.userName, user.groupName, PACKAGE_PRIORITY],
  );
}

/** Removes every FreeRADIUS row of the user (cancelled subscription, renamed PPPoE user). */
export async function removeSubscriber(sql: SqlExecutor, userName: string): Promise<void> {
  for (const table of ['radcheck', 'radreply', 'radusergroup']) await sql.query(`DELETE FROM ${table} WHERE username = $1`, [userName]);
}

/** Puts the user in the isolir group ahead of the package; true when it was not there yet. */
export async function addToIsolir(sql: SqlExecutor, userName: string, isolirGroup: string): Promise<boolean> {
  const rows = (await sql.query(
    `INSERT INTO radusergroup (username, groupname, priority) VALUES ($1, $2, $3) ON CONFLICT (username, groupname) DO NOTHING RETURNING id`,
    [userName, isolirGroup, ISOLIR_PRIORITY],
  )) as unknown[];
  return rows.length > 0;
}

/** Takes the user out of the isolir group; true when it was there. */
export async function removeFromIsolir(sql: SqlExecutor, userName: string, isolirGroup: string): Promise<boolean> {
  // A DELETE wrapped in a SELECT: TypeORM answers a bare DELETE with [rows, count] and a SELECT with the rows.
  const rows = (await sql.query(
    `WITH removed AS (DELETE FROM radusergroup WHERE username = $1 AND groupname = $2 RETURNING id) SELECT id FROM removed`,
    [userName, isolirGroup],
  )) as unknown[];
  return rows.length > 0;
}

/** The groups of a user in the order FreeRADIUS reads them. */
export async function groupsOf(sql: SqlExecutor, userName: string): Promise<string[]> {
  const rows = (await sql.query(`SELECT groupname FROM radusergroup WHERE username = $1 ORDER BY priority, id`, [userName])) as Array<{ groupname: string }>;
  return rows.map((row) => row.groupname);
}

/** The `radgroupreply` rows of a group, in FreeRADIUS's order. */
export async function groupReplies(sql: SqlExecutor, groupName: string): Promise<ReplyAttribute[]> {
  const rows = (await sql.query(`SELECT attribute, value FROM radgroupreply WHERE groupname = $1 ORDER BY id`, [groupName])) as ReplyAttribute[];
  return rows.map(({ attribute, value }) => ({ attribute, value }));
}

/** Sessions accounting shows as open for the users (all users when `userNames` is omitted). */
export async function activeSessions(sql: SqlExecutor, userNames?: string[]): Promise<ActiveSession[]> {
  const rows = (await sql.query(
    `SELECT acctsessionid, username, host(nasipaddress) AS nasip, host(framedipaddress) AS framedip, acctstarttime
       FROM radacct WHERE acctstoptime IS NULL ${userNames ? 'AND username = ANY($1)' : ''} ORDER BY acctstarttime`,
    userNames ? [userNames] : [],
  )) as Array<{ acctsessionid: string; username: string; nasip: string; framedip: string | null; acctstarttime: Date | null }>;
  return rows.map((row) => ({
    acctSessionId: row.acctsessionid,
    userName: row.username,
    nasIpAddress: row.nasip,
    framedIpAddress: row.framedip,
    startedAt: row.acctstarttime,
  }));
}
