import { grantsOfAccessToken } from './access-claims';

function tokenWith(claims: object): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `header.${payload}.signature`;
}

describe(grantsOfAccessToken.name, () => {
  it('reads the permissions and the all-tenants flag from the payload', () => {
    const token = tokenWith({ sub: 'u-1', permissions: ['customer.read', 'payment.record'], allTenants: false, name: 'Kasir Dewi ü' });

    expect(grantsOfAccessToken(token)).toEqual({ permissions: ['customer.read', 'payment.record'], allTenants: false });
  });

  it('recognises a superadmin token', () => {
    expect(grantsOfAccessToken(tokenWith({ permissions: [], allTenants: true })).allTenants).toBe(true);
  });

  it('grants nothing for a missing or unreadable token', () => {
    expect(grantsOfAccessToken(null)).toEqual({ permissions: [], allTenants: false });
    expect(grantsOfAccessToken('not-a-jwt')).toEqual({ permissions: [], allTenants: false });
    expect(grantsOfAccessToken('a.%%%.c')).toEqual({ permissions: [], allTenants: false });
  });
});
