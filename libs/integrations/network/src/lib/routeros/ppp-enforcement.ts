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
  const [secret] = await client.run('/ppp/secret/print', { '.proplist': '.id,name,profile' }, [`?name=${userName}`]);
  const sessions = (await client.run('/ppp/active/print', { '.proplist': '.id,name,address' }, [`?name=${userName}`])).map((row) => ({ id: row['.id'], address: row['address'] }));
  const listed = new Set((await client.run('/ip/firewall/address-list/print', { '.proplist': '.id,address' }, [`?list=${isolirList}`])).map((row) => row['address']));
  return {
    secret: secret ? { id: secret['.id'], profile: secret['profile'] } : null,
    sessions,
    isolatedAddresses: sessions.filter((session) => listed.has(session.address)).map((session) => session.address),
  };
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
