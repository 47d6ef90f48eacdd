export * from './lib/port';
export * from './lib/radius/profiles';
export * from './lib/radius/provisioning';
export * from './lib/radius/error-cause';
export * from './lib/radius/coa-client';
export { encodeAttributes, radius, type RadiusAttributes } from './lib/radius/radius-codec';
export * from './lib/freeradius/freeradius-config';
export * from './lib/freeradius/freeradius-process';
