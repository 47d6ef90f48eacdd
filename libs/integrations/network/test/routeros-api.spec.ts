import { RouterOsClient, RouterOsConnectionError, RouterOsSimulator, RouterOsTrapError, readPppUser, removeSession, switchSecretProfile } from '../src';

const ADMIN = { username: 'lunas', password: 'api-rahasia' };

describe.each([false, true])('RouterOS API client against the simulator (tls %s)', (tls) => {
  let router: RouterOsSimulator;
  let port: number;
  const connect = (credentials = ADMIN) => RouterOsClient.connect({ host: '127.0.0.1', port, tls, ...credentials, timeoutMs: 2_000 });

  beforeEach(async () => {
    router = new RouterOsSimulator({ users: { lunas: ADMIN.password }, profiles: { default: {}, 'paket-20': {}, isolir: { addressList: 'isolir' } }, tls });
    port = await router.listen();
    router.addSecret('budi', 'pppoe-budi', 'paket-20');
  });
  afterEach(() => router.close());

  it('logs in, prints with a query and answers tagged commands in flight together', async () => {
    const client = await connect();
    router.dial('budi', 'pppoe-budi');
    const [secrets, sessions] = await Promise.all([
      client.run('/ppp/secret/print', {}, ['?name=budi']),
      client.run('/ppp/active/print', {}, ['?name=budi']),
    ]);
    expect(secrets).toEqual([expect.objectContaining({ name: 'budi', profile: 'paket-20' })]);
    expect(sessions).toEqual([expect.objectContaining({ name: 'budi', address: expect.stringMatching(/^10\.20\./) })]);
    client.close();
  });

  it('maps a wrong password to a clear login refusal', async () => {
    await expect(connect({ ...ADMIN, password: 'salah' })).rejects.toThrow(new RouterOsTrapError('/login', 'login gagal (invalid user name or password (6))', undefined));
  });

  it('maps !trap to the command and the router\'s message, and the connection stays usable', async () => {
    const client = await connect();
    const error = await client.run('/ppp/secret/set', { '.id': '*FFFF', profile: 'isolir' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RouterOsTrapError);
    expect((error as Error).message).toBe('RouterOS menolak /ppp/secret/set: no such item');
    expect(await client.run('/ppp/secret/print', {}, ['?name=budi'])).toHaveLength(1);
    client.close();
  });

  it('carries words longer than 0x80 and 0x4000 bytes to the router and back', async () => {
    const client = await connect();
    const comment = 'c'.repeat(0x4000 + 5);
    await client.run('/ppp/secret/add', { name: 'x'.repeat(0x80), password: 'p', profile: 'default', comment });
    const [secret] = await client.run('/ppp/secret/print', {}, [`?name=${'x'.repeat(0x80)}`]);
    expect(secret['comment']).toBe(comment);
    client.close();
  });

  it('suspend then unsuspend: profile switched and the session cut once each; repeats change nothing', async () => {
    const client = await connect();
    router.dial('budi', 'pppoe-budi');
    const before = await readPppUser(client, 'budi', 'isolir');
    expect(before).toEqual({ secret: { id: expect.any(String), profile: 'paket-20' }, sessions: [expect.any(Object)], isolatedAddresses: [] });
    const secret = before.secret ?? { id: '', profile: '' };

    expect(await switchSecretProfile(client, secret, 'isolir')).toBe(true);
    expect(await removeSession(client, before.sessions[0].id)).toBe(true);
    expect(await removeSession(client, before.sessions[0].id)).toBe(false);
    router.dial('budi', 'pppoe-budi');
    const isolated = await readPppUser(client, 'budi', 'isolir');
    expect(isolated.secret?.profile).toBe('isolir');
    expect(isolated.isolatedAddresses).toEqual([isolated.sessions[0].address]);
    expect(await switchSecretProfile(client, isolated.secret ?? secret, 'isolir')).toBe(false);

    expect(await switchSecretProfile(client, isolated.secret ?? secret, 'paket-20')).toBe(true);
    expect(await removeSession(client, isolated.sessions[0].id)).toBe(true);
    router.dial('budi', 'pppoe-budi');
    expect((await readPppUser(client, 'budi', 'isolir')).isolatedAddresses).toEqual([]);
    expect(router.commands.filter((c) => c.words[0] === '/ppp/secret/set' && c.reply === 'done')).toHaveLength(2);
    expect(router.commands.filter((c) => c.words[0] === '/ppp/active/remove' && c.reply === 'done')).toHaveLength(2);
    client.close();
  });

  it('rejects everything in flight when the router closes the connection', async () => {
    const client = await connect();
    const pending = client.run('/ppp/active/print');
    await router.close();
    await expect(pending.then(() => client.run('/ppp/active/print'))).rejects.toBeInstanceOf(RouterOsConnectionError);
  });
});

it('the router answers a command before login with !fatal and closes', async () => {
  const router = new RouterOsSimulator({ users: {} });
  const port = await router.listen();
  const { connect } = await import('node:net');
  const { encodeSentence, SentenceReader } = await import('../src');
  const socket = connect({ host: '127.0.0.1', port });
  const reader = new SentenceReader();
  const replies: string[][] = [];
  await new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => replies.push(...reader.push(chunk)));
    socket.on('close', () => resolve());
    socket.write(encodeSentence(['/ppp/active/print']));
  });
  expect(replies).toEqual([['!fatal', 'not logged in']]);
  await router.close();
});
