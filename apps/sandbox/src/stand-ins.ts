import { labNasStandIn } from './lab-nas/lab-nas.stand-in';
import { routerOsStandIn } from './routeros/routeros-router.stand-in';
import { MailInboxStandIn } from './mail-inbox/mail-inbox.stand-in';
import type { StandIn } from './stand-in';
import { WhatsappSandboxStandIn } from './whatsapp/whatsapp-sandbox.stand-in';

const port = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

/** Every stand-in `npm start` runs in the sandbox process; each lives in its own folder under src/. */
export const STAND_INS: StandIn[] = [
  labNasStandIn,
  routerOsStandIn,
  new MailInboxStandIn({ smtpPort: port('LUNAS_SANDBOX_SMTP_PORT'), pagePort: port('LUNAS_SANDBOX_MAIL_PORT') }),
  new WhatsappSandboxStandIn({ port: port('LUNAS_SANDBOX_WHATSAPP_PORT') }),
];
