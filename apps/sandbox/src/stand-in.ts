/**
 * One local stand-in for an outside system that cannot run here (WhatsApp's servers, a NAS, a mailbox).
 * It speaks that system's real wire format on loopback and has a page a person can watch in a browser;
 * it never reports a real effect.
 */
export interface StandIn {
  /** Shown in the start-up log, e.g. "WhatsApp sandbox". */
  readonly name: string;
  start(): Promise<RunningStandIn>;
}

export interface RunningStandIn {
  /** Addresses a person opens or an adapter is configured with, e.g. "page http://127.0.0.1:3101/". */
  readonly addresses: string[];
  stop(): Promise<void>;
}
