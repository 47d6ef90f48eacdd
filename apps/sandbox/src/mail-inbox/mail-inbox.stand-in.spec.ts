import { freePort } from '@lunas/testing';
import { createTransport } from 'nodemailer';
import { MailInboxStandIn } from './mail-inbox.stand-in';

describe(MailInboxStandIn.name, () => {
  describe('start', () => {
    it('receives mail over SMTP and lists it on its page and as JSON, attachments downloadable', async () => {
      const [smtpPort, pagePort] = [await freePort(), await freePort()];
      const running = await new MailInboxStandIn({ smtpPort, pagePort }).start();
      try {
        expect(running.addresses).toEqual([`page http://127.0.0.1:${pagePort}/`, `SMTP smtp://127.0.0.1:${smtpPort}`]);
        const transport = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false });
        await transport.sendMail({ from: 'tagihan@sukamaju.test', to: 'budi@example.test', subject: 'Tagihan <Maret>', text: 'Halo Budi', attachments: [{ filename: 'tagihan.pdf', content: Buffer.from('%PDF-1.4') }] });
        transport.close();
        const page = await (await fetch(`http://127.0.0.1:${pagePort}/`)).text();
        expect(page).toContain('Tagihan &#60;Maret&#62;');
        expect(page).toContain('Halo Budi');
        expect(page).toContain('href="/mails/0/attachments/0"');
        const mails = (await (await fetch(`http://127.0.0.1:${pagePort}/api/mails`)).json()) as { subject: string; attachments: unknown[] }[];
        expect(mails).toMatchObject([{ subject: 'Tagihan <Maret>', attachments: [{ filename: 'tagihan.pdf', contentType: 'application/pdf' }] }]);
        const pdf = await fetch(`http://127.0.0.1:${pagePort}/mails/0/attachments/0`);
        expect(pdf.headers.get('content-type')).toBe('application/pdf');
        expect(Buffer.from(await pdf.arrayBuffer()).toString()).toBe('%PDF-1.4');
      } finally {
        await running.stop();
      }
    });
  });
});
