// What the per-version decrypters of one connection share: the secrets, the capture-wide session
// cache, the calculation book, the ciphertext locator, and the running tally behind the
// connection's "why it did (not) decrypt" status.
import type { Direction } from '../capture/frame.ts';
import type { CalcBook } from './calc.ts';
import type { FragmentLocator } from './fields.ts';
import type { SessionCache } from './master12.ts';
import type { DecryptionSecrets } from './secrets.ts';

/** A record that failed to decrypt (MAC or tag), for the findings. */
export interface FailedRecord {
  dir: Direction;
  index: number;
  frame: number;
  reason: string;
}

/** Shared per-connection state. */
export class ConnContext {
  readonly reasons: string[] = [];
  readonly failures: FailedRecord[] = [];
  decrypted = 0;
  withoutKeys = 0;

  constructor(
    readonly secrets: DecryptionSecrets,
    readonly cache: SessionCache,
    readonly book: CalcBook,
    readonly locator: FragmentLocator,
  ) {}

  /** Records a reason once (they are shown as a list). */
  note(reason: string): void {
    if (!this.reasons.includes(reason)) this.reasons.push(reason);
  }
}
