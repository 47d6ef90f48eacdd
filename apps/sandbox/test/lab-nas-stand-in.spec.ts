import { sendDynamicAuthorization, LabNas } from '@lunas/network';
import { LAB_NAS } from '@lunas/persistence';
import { freePort } from '@lunas/testing';
import { labNasStandIn } from '../src/lab-nas/lab-nas.stand-in';
import { renderLabNasPage } from '../src/lab-nas/lab-nas-page';

describe('lab NAS stand-in', () => {
  it('serves its page and answers CoA on the seeded port (no FreeRADIUS: no sessions, so NAK 503)', async () => {
    const pagePort = await freePort();
    process.env['LUNAS_LAB_NAS_PAGE_PORT'] = String(pagePort);
    const running = await labNasStandIn.start();
    try {
      expect(running.addresses).toEqual([`page http://127.0.0.1:${pagePort}/`, `CoA/Disconnect udp 127.0.0.1:${LAB_NAS.coaPort}`]);
      const page = await fetch(`http://127.0.0.1:${pagePort}/`);
      expect(await page.text()).toContain('Sesi PPPoE aktif (0)');
      const answer = await sendDynamicAuthorization({ address: '127.0.0.1', port: LAB_NAS.coaPort, secret: LAB_NAS.secret }, { kind: 'disconnect', userName: 'budi' });
      expect(answer).toMatchObject({ status: 'nak', errorCause: 503 });
    } finally {
      await running.stop();
      delete process.env['LUNAS_LAB_NAS_PAGE_PORT'];
    }
  });

  it('shows an isolated session with its address list and the cut in the events', () => {
    const nas = new LabNas({ secret: 's' });
    nas.holdSession({ userName: 'ahmad.fauzi', framedIpAddress: '10.99.0.2', rateLimit: '64k/64k', profile: 'isolir', pool: 'pool-isolir', addressList: 'isolir', sessionTimeout: null });
    const html = renderLabNasPage(nas, 'FreeRADIUS');
    expect(html).toContain('<td>ahmad.fauzi</td>');
    expect(html).toContain('<td>isolir</td>');
    expect(html).toContain('Sesi PPPoE aktif (1)');
  });
});
