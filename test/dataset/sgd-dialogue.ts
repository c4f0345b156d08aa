import { readFileSync } from 'node:fs';
import { z } from 'zod';

const accountType = z.enum(['checking', 'savings']);

// Transfers are whole dollars ("1630"), balances carry cents ("5118.77").
const amount = z
  .string()
  .regex(/^\d+(\.\d{1,2})?$/, 'expected an amount like "5118.77"');

const spoken = {
  speaker: z.enum(['user', 'system']),
  utterance: z.string(),
  acts: z.array(z.string()),
};

// Strict, so that a turn whose service call has an unexpected shape fails to
// read instead of passing as a turn without one.
const plainTurn = z
  .strictObject(spoken)
  .transform((turn) => ({ ...turn, call: undefined }));

const balanceTurn = z
  .strictObject({
    ...spoken,
    service_call: z.strictObject({
      method: z.literal('CheckBalance'),
      parameters: z.strictObject({ account_type: accountType }),
    }),
    service_results: z.tuple([
      z.strictObject({ account_type: accountType, balance: amount }),
    ]),
  })
  .transform(({ service_call, service_results, ...turn }) => ({
    ...turn,
    call: {
      method: 'CheckBalance' as const,
      accountType: service_call.parameters.account_type,
      balance: service_results[0].balance,
    },
  }));

const transferTurn = z
  .strictObject({
    ...spoken,
    service_call: z.strictObject({
      method: z.literal('TransferMoney'),
      parameters: z.strictObject({
        account_type: accountType,
        amount,
        recipient_account_name: z.string().trim().min(1),
        // The schema of Banks_1 says so; nine dialogues leave it out.
        recipient_account_type: accountType.default('checking'),
      }),
    }),
    service_results: z.array(z.unknown()),
  })
  .transform(
    ({ service_call: { parameters }, service_results: _echo, ...turn }) => ({
      ...turn,
      call: {
        method: 'TransferMoney' as const,
        transfer: {
          fromAccountType: parameters.account_type,
          amount: parameters.amount,
          recipientName: parameters.recipient_account_name,
          recipientAccountType: parameters.recipient_account_type,
        },
      },
    }),
  );

const dialogueSchema = z
  .strictObject({
    dialogue_id: z.string().regex(/^\d+_\d{5}$/),
    service: z.literal('Banks_1'),
    turns: z.array(z.union([balanceTurn, transferTurn, plainTurn])).min(2),
  })
  .refine(
    ({ turns }) => turns.every((turn, i) => turn.speaker === speakerAt(i)),
    {
      message:
        'expected turns to alternate user, system, starting with the user',
    },
  )
  .refine(({ turns }) => turns.at(-1)?.speaker === 'system', {
    message: 'expected the system to have the last turn',
  })
  .transform(({ dialogue_id, turns }) => ({ id: dialogue_id, turns }));

/** One banking dialogue of the Schema-Guided Dialogue dataset, checked. */
export type SgdDialogue = z.output<typeof dialogueSchema>;

export type SgdTurn = SgdDialogue['turns'][number];

export type AccountType = z.output<typeof accountType>;

/** The bank call a system turn made: CheckBalance with its result, or TransferMoney. */
export type SgdCall = NonNullable<SgdTurn['call']>;

/** A TransferMoney call's parameters, the recipient's account type filled in. */
export type SgdTransfer = Extract<
  SgdCall,
  { method: 'TransferMoney' }
>['transfer'];

/** Reads `train.jsonl`, one dialogue a line; a line that does not fit names itself. */
export function readSgdDialogues(file: string): SgdDialogue[] {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');

  return lines.map((line, index) => {
    const parsed = dialogueSchema.safeParse(JSON.parse(line));
    if (parsed.success) return parsed.data;

    throw new Error(`${file}:${index + 1}: ${z.prettifyError(parsed.error)}`);
  });
}

/** The indexes of a dialogue's user turns, in order. */
export function userLines(dialogue: SgdDialogue): number[] {
  return dialogue.turns.flatMap((turn, index) =>
    turn.speaker === 'user' ? [index] : [],
  );
}

function speakerAt(index: number): 'user' | 'system' {
  return index % 2 === 0 ? 'user' : 'system';
}
