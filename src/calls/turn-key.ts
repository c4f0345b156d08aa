import { createHash } from 'node:crypto';
import type { TurnInput } from '../turn/turn-types.js';

/**
 * What makes two requests the same turn: the call, the utterance's time and
 * its words. A proxy that delivers a request twice repeats all three.
 */
export function turnKey(input: TurnInput): string {
  return createHash('sha256')
    .update(JSON.stringify([input.callId, input.timestamp, input.utterance]))
    .digest('hex');
}
