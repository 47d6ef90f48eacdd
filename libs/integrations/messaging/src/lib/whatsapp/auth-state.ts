import { BufferJSON, initAuthCreds, proto, type AuthenticationCreds, type AuthenticationState, type SignalDataTypeMap } from '@whiskeysockets/baileys';

/**
 * Where one WhatsApp session's Baileys auth state lives, as Baileys' JSON (`BufferJSON`): the credentials and the
 * signal keys by type and id. The PostgreSQL store keeps them encrypted at rest; every worker reads the same rows,
 * so any of them can resume the session after a restart.
 */
export interface WhatsappAuthStore {
  readCreds(): Promise<string | null>;
  writeCreds(json: string): Promise<void>;
  readKeys(type: string, ids: string[]): Promise<Map<string, string>>;
  /** `null` deletes the key. */
  writeKeys(entries: { type: string; id: string; json: string | null }[]): Promise<void>;
  /** Forgets everything (logged out: the next pairing starts from fresh credentials). */
  clear(): Promise<void>;
}

/**
 * A Baileys `AuthenticationState` over a {@link WhatsappAuthStore} (instead of `useMultiFileAuthState`'s files):
 * fresh credentials (`initAuthCreds`) when the store has none, Buffers kept through `BufferJSON`, app-state sync keys
 * revived as their protobuf type, and `saveCreds` for Baileys' `creds.update` event.
 */
export async function useStoredAuthState(store: WhatsappAuthStore): Promise<{ state: AuthenticationState; saveCreds: () => Promise<void> }> {
  const stored = await store.readCreds();
  const creds: AuthenticationCreds = stored ? JSON.parse(stored, BufferJSON.reviver) : initAuthCreds();
  return {
    state: {
      creds,
      keys: {
        get: async <T extends keyof SignalDataTypeMap>(type: T, ids: string[]) => {
          const found = await store.readKeys(type, ids);
          const result: { [id: string]: SignalDataTypeMap[T] } = {};
          for (const [id, json] of found) {
            const value = JSON.parse(json, BufferJSON.reviver);
            result[id] = type === 'app-state-sync-key' ? (proto.Message.AppStateSyncKeyData.fromObject(value) as unknown as SignalDataTypeMap[T]) : value;
          }
          return result;
        },
        set: async (data) => {
          const entries: { type: string; id: string; json: string | null }[] = [];
          for (const [type, values] of Object.entries(data)) {
            for (const [id, value] of Object.entries(values ?? {})) entries.push({ type, id, json: value ? JSON.stringify(value, BufferJSON.replacer) : null });
          }
          await store.writeKeys(entries);
        },
        clear: () => store.clear(),
      },
    },
    saveCreds: () => store.writeCreds(JSON.stringify(creds, BufferJSON.replacer)),
  };
}
