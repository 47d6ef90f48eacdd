import { redactWebhookHeaders } from './webhook-header-redaction';

describe(redactWebhookHeaders.name, () => {
  it('redacts tokens and credentials, keeps per-body signatures and other headers', () => {
    expect(
      redactWebhookHeaders({
        'X-Callback-Token': 'xnd-token', authorization: 'Basic abc', cookie: 'a=b', 'x-callback-signature': 'f00d',
        'x-lunas-signature': 't=1,v1=beef', 'content-type': 'application/json', 'x-forwarded-for': ['1.2.3.4'], absent: undefined,
      }),
    ).toEqual({
      'X-Callback-Token': '[redacted]', authorization: '[redacted]', cookie: '[redacted]', 'x-callback-signature': 'f00d',
      'x-lunas-signature': 't=1,v1=beef', 'content-type': 'application/json', 'x-forwarded-for': ['1.2.3.4'],
    });
  });
});
