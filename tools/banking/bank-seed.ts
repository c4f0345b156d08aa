import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseCents } from './money.js';

/** A seed file that cannot start the bank: names the file and the field. */
export class BankSeedError extends Error {
  readonly code = 'invalid_bank_seed';

  constructor(message: string) {
    super(message);
    this.name = 'BankSeedError';
  }
}

const got = (input: unknown) => `got ${JSON.stringify(input)}`;

const amount = z
  .string()
  .refine((value) => parseCents(value) !== undefined, {
    error: (issue) =>
      'expected an amount like "12.34" with at most two decimals, ' +
      got(issue.input),
  })
  .transform((value) => parseCents(value) ?? 0);

const customer = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1),
  account_number: z.string().regex(/^\d+$/, {
    error: (issue) => `expected digits only, ${got(issue.input)}`,
  }),
  // The pin is a secret, so its message leaves the value out.
  pin: z.string().regex(/^\d+$/, 'expected digits only'),
  accounts: z
    .strictObject({ checking: amount.optional(), savings: amount.optional() })
    .refine((accounts) => Object.keys(accounts).length > 0, {
      message: 'expected at least one of checking or savings',
    }),
});

const seedSchema = z.object({
  customers: z
    .array(customer)
    .min(1)
    .superRefine((customers, ctx) => {
      uniqueField(customers, 'id', ctx);
      uniqueField(customers, 'account_number', ctx);
    }),
});

/** A validated seed: every balance already in whole cents. */
export type BankSeed = z.output<typeof seedSchema>;

/** The seed as written in JSON, before validation. */
export type BankSeedInput = z.input<typeof seedSchema>;

/** Checks a seed object; `source` names where it came from in the error. */
export function parseBankSeed(value: unknown, source: string): BankSeed {
  const parsed = seedSchema.safeParse(value);
  if (parsed.success) return parsed.data;

  const issues = parsed.error.issues.map((issue) => {
    const at = issue.path.length ? z.core.toDotPath(issue.path) : '(root)';
    return `${at}: ${issue.message}`;
  });
  const lines = issues.join('\n  ');
  throw new BankSeedError(`invalid bank seed ${source}\n  ${lines}`);
}

/** Reads and checks a JSON seed file. */
export function readBankSeed(file: string): BankSeed {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    throw new BankSeedError(`cannot read bank seed ${file}: ${reason(error)}`);
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    throw new BankSeedError(`bank seed ${file} is not JSON: ${reason(error)}`);
  }

  return parseBankSeed(value, file);
}

function uniqueField(
  customers: readonly Record<'id' | 'account_number', string>[],
  field: 'id' | 'account_number',
  ctx: z.RefinementCtx,
) {
  const seen = new Set<string>();
  customers.forEach((item, index) => {
    if (seen.has(item[field])) {
      ctx.addIssue({
        code: 'custom',
        path: [index, field],
        message: `expected a unique ${field}, ${got(item[field])} twice`,
      });
    }
    seen.add(item[field]);
  });
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
