/**
 * Task tokens handed to workers. They are opaque to the SDK; ours are small JSON documents naming the run
 * and the task instance, so a stale token (older attempt, finished task) is recognised and refused.
 */
import { invalidArgument } from '../errors';

export type TaskToken =
  | { k: 'w'; ns: string; r: string; s: number; a: number }
  | { k: 'a'; ns: string; r: string; s: number; a: number }
  | { k: 'q'; ns: string; q: string };

export function encodeToken(token: TaskToken): Buffer {
  return Buffer.from(JSON.stringify(token));
}

export function decodeToken<K extends TaskToken['k']>(bytes: Uint8Array | null | undefined, kind: K): Extract<TaskToken, { k: K }> {
  let token: TaskToken | undefined;
  try {
    token = bytes && bytes.length ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as TaskToken) : undefined;
  } catch {
    token = undefined;
  }
  if (!token || token.k !== kind) throw invalidArgument('invalid task token');
  return token as Extract<TaskToken, { k: K }>;
}
