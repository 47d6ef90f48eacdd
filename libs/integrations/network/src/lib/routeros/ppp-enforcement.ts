import { RouterOsTrapError, type RouterOsClient } from './api-client';

/** A live PPP session on the router (`/ppp/active`). */
export interface PppSession {
  id: string;
  address: string;
}

/** What the router knows about one PPPoE user: its secret (if on this router), live sessions and isolir list entries. */
export interface PppUserState {
  secret: { id: string; profile: string } | null;
  sessions: PppSession[];
  /** Addresses of the user's live sessions that are in the isolir address list now. */
  isolatedAddresses: string[];
}

/** `no such item`: the session or entry is gone already (a retry after it was removed, or the customer hung up). */
const GONE = /no such item/i;

/** Reads the user's secret, sessions and which of their addresses the isolir address list holds. */
export async function readPppUser(client: RouterOsClient, userName: string, isolirList: string): Promise<PppUserState> {
  const users = await readPppUsers(client, isolirList, [`?name=${userName}`]);
  return users.get(userName) ?? { secret: null, sessions: [], isolatedAddresses: [] };
}

/** Every PPP user the router knows (by secret or live session), or those the `?…` queries select. */
export async function readPppUsers(client: RouterOsClient, isolirList: string, queries: string[] = []): Promise<Map<string, PppUserState>> {
  const secrets = await client.run('/ppp/secret/print', { '.proplist': '.id,name,profile' }, queries);
  const sessions = await client.run('/ppp/active/print', { '.proplist': '.id,name,address' }, queries);
  const listed = new Set((await client.run('/ip/firewall/address-list/print', { '.proplist': '.id,address' }, [`?list=${isolirList}`])).map((row) => row['address']));
  const users = new Map<string, PppUserState>();
  const userOf = (name: string): PppUserState => {
    const user = users.get(name) ?? { secret: null, sessions: [], isolatedAddresses: [] };
    users.set(name, user);
    return user;
  };
  for (const secret of secrets) userOf(secret['name']).secret = { id: secret['.id'], profile: secret['profile'] };
  for (const session of sessions) {
    const user = userOf(session['name']);
    user.sessions.push({ id: session['.id'], address: session['address'] });
    if (listed.has(session['address'])) user.isolatedAddresses.push(session['address']);
  }
  return users;
}

/** Adds the PPP secret of a subscriber the router does not have yet (drift repair). */
export async function addSecret(client: RouterOsClient, secret: { name: string; password: string; profile: string }): Promise<void> {
  await client.run('/ppp/secret/add', { ...secret, service: 'pppoe' });
}

/** Switches the PPP secret to `profile` (the next dial gets it); false when it had it already. */
export async function switchSecretProfile(client: RouterOsClient, secret: { id: string; profile: string }, profile: string): Promise<boolean> {
  if (secret.profile === profile) return false;
  await client.run('/ppp/secret/set', { '.id': secret.id, profile });
  return true;
}

/** Removes a live session (`/ppp/active/remove`); false when it was gone already, which is not an error. */
export async function removeSession(client: RouterOsClient, sessionId: string): Promise<boolean> {
  try {
    await client.run('/ppp/active/remove', { '.id': sessionId });
    return true;
  } catch (error) {
    if (error instanceof RouterOsTrapError && GONE.test(error.routerMessage)) return false;
    throw error;
  }
}
