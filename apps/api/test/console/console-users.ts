import { hash } from '@node-rs/argon2';
import { Role, User } from '@lunas/persistence';
import type { EntityManager } from 'typeorm';

/** The password of every user made by {@link insertUser}. */
export const CONSOLE_TEST_PASSWORD = 'Rahasia-123';

let passwordHash: Promise<string> | undefined;

/** A user of the tenant holding the built-in roles named (by code). */
export async function insertUser(m: EntityManager, tenantId: string, username: string, roleCodes: string[]): Promise<User> {
  passwordHash ??= hash(CONSOLE_TEST_PASSWORD);
  const user = await m.save(User, m.create(User, { tenantId, username, name: `Pengguna ${username}`, passwordHash: await passwordHash }));
  for (const code of roleCodes) {
    const role = await m.findOneByOrFail(Role, { code });
    await m.query(`INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2)`, [user.id, role.id]);
  }
  return user;
}
