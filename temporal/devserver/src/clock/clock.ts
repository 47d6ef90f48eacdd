/** The server's clock. Workflows see it through event times (WorkflowTaskStarted is the workflow's "now"). */
export interface Clock {
  /** Current server time, epoch milliseconds. */
  now(): number;
}

/** Wall-clock time. */
export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }
}
