export { freePort } from './free-port';
export { eventually } from './eventually';
