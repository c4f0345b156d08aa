import { randomBytes } from 'node:crypto';
import type { ToolCall } from './turn-types.js';

/**
 * Gives each tool call an id no other call of the turn has. Models repeat ids
 * across steps or send empty ones, and the provider rejects a conversation
 * whose tool results cannot be matched to their calls.
 */
export function assignCallIds(
  calls: readonly ToolCall[],
  seen: Set<string>,
): ToolCall[] {
  return calls.map((call) => {
    const id = call.id && !seen.has(call.id) ? call.id : freshId();
    seen.add(id);
    return { ...call, id };
  });
}

function freshId(): string {
  return `call_${randomBytes(9).toString('base64url')}`;
}
