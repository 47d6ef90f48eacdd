export * from './lib/templates/template-variables';
export * from './lib/templates/default-templates';
export * from './lib/templates/render-template';
export * from './lib/consent/recipients';
export * from './lib/send-window/hold-until';
export * from './lib/channels/message-channel.port';
export * from './lib/email/smtp-email.channel';
