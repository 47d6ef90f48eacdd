import { labNasStandIn } from './lab-nas/lab-nas.stand-in';
import type { StandIn } from './stand-in';

/** Every stand-in `npm start` runs in the sandbox process; each lives in its own folder under src/. */
export const STAND_INS: StandIn[] = [labNasStandIn];
