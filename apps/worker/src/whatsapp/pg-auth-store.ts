import type { WhatsappAuthStore } from '@lunas/messaging';
import { WhatsappAuthKey, WhatsappSession } from '@lunas/persistence';
import { In, type DataSource } from 'typeorm';

/**
 * A session's Baileys auth state in PostgreSQL, encrypted at rest (AES-256-GCM columns): the credentials in
 * `whatsapp_sessions.creds`, every signal key a row of `whatsapp_auth_keys`. Any worker can resume the session.
 */
export class PgWhatsappAuthStore implements WhatsappAuthStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessionId: string,
  ) {}

  async readCreds(): Promise<string | null> {
    const session = await this.dataSource.manager.findOne(WhatsappSession, { where: { id: this.sessionId }, select: { id: true, creds: true } });
    return session?.creds ? JSON.stringify(session.creds) : null;
  }

  async writeCreds(json: string): Promise<void> {
    await this.dataSource.manager.update(WhatsappSession, { id: this.sessionId }, { creds: JSON.parse(json) });
  }

  async readKeys(type: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.manager.findBy(WhatsappAuthKey, { sessionId: this.sessionId, type, keyId: In(ids) });
    return new Map(rows.map((row) => [row.keyId, row.value]));
  }

  async writeKeys(entries: { type: string; id: string; json: string | null }[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const { type, id, json } of entries) {
        if (json === null) await manager.delete(WhatsappAuthKey, { sessionId: this.sessionId, type, keyId: id });
        else await manager.upsert(WhatsappAuthKey, { sessionId: this.sessionId, type, keyId: id, value: json }, ['sessionId', 'type', 'keyId']);
      }
    });
  }

  async clear(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(WhatsappAuthKey, { sessionId: this.sessionId });
      await manager.update(WhatsappSession, { id: this.sessionId }, { creds: null });
    });
  }
}
