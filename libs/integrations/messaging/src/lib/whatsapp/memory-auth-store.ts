import type { WhatsappAuthStore } from './auth-state';

/** The {@link WhatsappAuthStore} contract kept in memory (tests and the sandbox). */
export class MemoryAuthStore implements WhatsappAuthStore {
  creds: string | null = null;
  readonly keys = new Map<string, string>();

  async readCreds() {
    return this.creds;
  }
  async writeCreds(json: string) {
    this.creds = json;
  }
  async readKeys(type: string, ids: string[]) {
    return new Map(ids.flatMap((id) => (this.keys.has(`${type}/${id}`) ? [[id, this.keys.get(`${type}/${id}`) as string] as const] : [])));
  }
  async writeKeys(entries: { type: string; id: string; json: string | null }[]) {
    for (const { type, id, json } of entries) {
      if (json === null) this.keys.delete(`${type}/${id}`);
      else this.keys.set(`${type}/${id}`, json);
    }
  }
  async clear() {
    this.creds = null;
    this.keys.clear();
  }
}
