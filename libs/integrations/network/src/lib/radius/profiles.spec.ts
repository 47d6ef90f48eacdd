import { isolirReplies, liveAction, packageReplies, rateLimitOfSpeed } from './profiles';

describe('profiles', () => {
  describe(rateLimitOfSpeed.name, () => {
    it('turns a display speed into a symmetric RouterOS rate limit', () => {
      expect(rateLimitOfSpeed('20 Mbps')).toBe('20M/20M');
      expect(rateLimitOfSpeed('512 kbps')).toBe('512k/512k');
      expect(rateLimitOfSpeed('1,5 Mbps')).toBe('1500k/1500k');
      expect(rateLimitOfSpeed('1 Gbps')).toBe('1000M/1000M');
    });

    it('refuses a speed it cannot read instead of leaving the package unlimited', () => {
      expect(() => rateLimitOfSpeed('cepat')).toThrow('Kecepatan paket "cepat" tidak dapat dibaca');
    });
  });

  describe(liveAction.name, () => {
    const pkg = packageReplies({ packageId: 'p', speed: '20 Mbps', rateLimit: null, addressPool: null, sessionTimeout: null });

    it('disconnects when isolir changes the pool or address list (RouterOS cannot change them live)', () => {
      expect(liveAction(pkg, isolirReplies({ tenantId: 't', rateLimit: '64k/64k', pool: 'pool-isolir', addressList: 'isolir', routerProfile: 'isolir' }))).toEqual({ kind: 'disconnect' });
    });

    it('sends a CoA with the live-applicable attributes when only those change', () => {
      const slower = [{ attribute: 'Mikrotik-Rate-Limit', value: '64k/64k' }];
      expect(liveAction(pkg, slower)).toEqual({ kind: 'coa', attributes: slower });
    });

    it('disconnects when an attribute is taken away (a CoA can only set values)', () => {
      expect(liveAction([...pkg, { attribute: 'Session-Timeout', value: '3600' }], pkg)).toEqual({ kind: 'disconnect' });
    });
  });
});
