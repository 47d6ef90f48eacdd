export { freePort } from './free-port';
export { eventually } from './eventually';
export { WorkerProcess } from './worker-process';
export { wib, wibText } from './jakarta-time';
export { startLiveTemporal, type LiveTemporal, type LiveTemporalOptions } from './live-temporal';
export { prometheusSample } from './prometheus-sample';
export { SmtpInbox, type ReceivedMail } from './smtp-inbox';
export { FakeWhatsappSocket } from './fake-whatsapp-socket';
export { OtlpReceiver, type ReceivedSpan } from './otlp-receiver';
