import type { CheckContext } from '../check.js';
import type { Outcome } from '../session/outcome.js';
import type { Session } from '../session/session.js';
import type { DialogLog } from './log.js';

/** Opens a connection to the target; the greeting has been read. */
export type Connector = () => Promise<Session>;

/** The system under test as the model's commands see it: the current connection and the run's log. */
export interface Real {
  session: Session;
  readonly ctx: CheckContext;
  readonly connect: Connector;
  readonly log: DialogLog;
  /**
   * Strict: a reply outside the model's set fails the run (the session-model property). Lenient:
   * the model stops predicting and only QUIT or a new connection follow (the grammar property).
   */
  readonly strict: boolean;
  /** Sees every outcome read, with the command it answers ('greeting' for a greeting). */
  readonly observe?: (command: string, outcome: Outcome) => void;
  /** Commands sent in this run, for the report. */
  commands: number;
  /** Commands that got no reply within --timeout, for the report. */
  silences: number;
}
