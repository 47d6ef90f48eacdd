import { LabNas, sendDynamicAuthorization, type DynamicAuthorizationTarget, type RetransmitPolicy } from '../src';

const SECRET = 'lab-secret';
/** Short waits so the timeout cases take well under a second; the backoff shape is the production one. */
const FAST: RetransmitPolicy = { firstTimeoutMs: 60, backoff: 2, tries: 3 };

describe('sendDynamicAuthorization against the lab NAS', () => {
  let nas: LabNas;
  let target: DynamicAuthorizationTarget;

  beforeEach(async () => {
    nas = new LabNas({ secret: SECRET });
    target = { address: '127.0.0.1', port: await nas.listen(), secret: SECRET };
    nas.holdSession({ acctSessionId: 'S1', userName: 'budi', framedIpAddress: '10.10.0.2', rateLimit: '20M/20M', profile: 'default', pool: null, addressList: null, sessionTimeout: null });
  });
  afterEach(() => nas.close());

  it('changes the rate limit and profile of the live session with a CoA (ACK)', async () => {
    const result = await sendDynamicAuthorization(target, {
      kind: 'coa', userName: 'budi', acctSessionId: 'S1',
      attributes: [{ attribute: 'Mikrotik-Rate-Limit', value: '64k/64k' }, { attribute: 'Mikrotik-Group', value: 'isolir' }],
    }, FAST);
    expect(result).toEqual({ status: 'ack', tries: 1 });
    expect(nas.sessionsOf('budi')).toEqual([expect.objectContaining({ rateLimit: '64k/64k', profile: 'isolir' })]);
  });

  it('cuts the session with a Disconnect-Request (ACK)', async () => {
    expect(await sendDynamicAuthorization(target, { kind: 'disconnect', userName: 'budi', acctSessionId: 'S1' }, FAST)).toEqual({ status: 'ack', tries: 1 });
    expect(nas.sessionsOf('budi')).toEqual([]);
  });

  it('maps a NAK Error-Cause to a clear result: an address list cannot change through CoA (401), no session (503)', async () => {
    const pool = await sendDynamicAuthorization(target, { kind: 'coa', userName: 'budi', attributes: [{ attribute: 'Mikrotik-Address-List', value: 'isolir' }] }, FAST);
    expect(pool).toEqual({ status: 'nak', errorCause: 401, message: 'NAK 401 Unsupported-Attribute: NAS tidak mendukung salah satu atribut', tries: 1 });
    expect(nas.sessionsOf('budi')[0].addressList).toBeNull();

    const gone = await sendDynamicAuthorization(target, { kind: 'disconnect', userName: 'siti' }, FAST);
    expect(gone).toEqual(expect.objectContaining({ status: 'nak', errorCause: 503, message: 'NAK 503 Session-Context-Not-Found: Sesi tidak ditemukan di NAS' }));
  });

  it('retransmits the same packet 3 times with backoff and then reports a timeout', async () => {
    nas.faults.silent = true;
    const started = Date.now();
    expect(await sendDynamicAuthorization(target, { kind: 'disconnect', userName: 'budi' }, FAST)).toEqual({ status: 'timeout', tries: 3 });
    // 60 + 120 + 240 ms of waiting.
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(nas.sessionsOf('budi')).toHaveLength(1);
  });

  it('when the ACK is lost, the retransmission is answered as a duplicate and the session is cut once', async () => {
    nas.faults.dropReplies = 1;
    expect(await sendDynamicAuthorization(target, { kind: 'disconnect', userName: 'budi', acctSessionId: 'S1' }, FAST)).toEqual({ status: 'ack', tries: 2 });
    expect(nas.events.map((event) => event.kind)).toEqual(['dial', 'disconnect', 'dropped', 'duplicate']);
  });

  it('a request signed with another secret is ignored by the NAS: no answer, the session stays', async () => {
    expect(await sendDynamicAuthorization({ ...target, secret: 'other' }, { kind: 'disconnect', userName: 'budi' }, FAST)).toEqual({ status: 'timeout', tries: 3 });
    expect(nas.sessionsOf('budi')).toHaveLength(1);
  });

  it('the NAS silently drops a request whose Event-Timestamp is outside its 300 s window', async () => {
    const stale = () => new Date(Date.now() - 301_000);
    expect(await sendDynamicAuthorization(target, { kind: 'disconnect', userName: 'budi' }, FAST, stale)).toEqual({ status: 'timeout', tries: 3 });
    expect(nas.sessionsOf('budi')).toHaveLength(1);
  });
});
