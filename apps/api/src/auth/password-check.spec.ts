import { hash } from '@node-rs/argon2';
import { checkPassword, dummyPasswordHash } from './password-check';

/** `$argon2id$v=19$m=…,t=…,p=…$`: algorithm, version and cost, without salt and digest. */
const costOf = (encoded: string) => encoded.split('$').slice(1, 4).join('$');

describe(checkPassword.name, () => {
  it('checks a password against the user hash', async () => {
    const stored = await hash('Rahasia123!');
    expect(await checkPassword(stored, 'Rahasia123!')).toBe(true);
    expect(await checkPassword(stored, 'salah')).toBe(false);
  });

  it('without a user, refuses after hashing against a dummy of the same cost as a stored hash', async () => {
    expect(await checkPassword(null, 'apa saja')).toBe(false);
    expect(costOf(await dummyPasswordHash())).toBe(costOf(await hash('Admin123!')));
  });
});
