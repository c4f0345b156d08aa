/** The kinds of account a customer may hold. */
export const ACCOUNT_TYPES = ['checking', 'savings'] as const;

export type AccountType = (typeof ACCOUNT_TYPES)[number];

export type Customer = Readonly<{ id: string; name: string }>;

export type Verification =
  | Readonly<{ ok: true; customer: Customer }>
  | Readonly<{ ok: false; reason: 'unknown_account' | 'wrong_pin' }>;

/** One transfer to execute; `id` makes it happen at most once. */
export type TransferOrder = Readonly<{
  id: string;
  customerId: string;
  fromType: AccountType;
  amountCents: number;
  recipientName: string;
  recipientAccountType: AccountType;
}>;

export type TransferResult =
  | Readonly<{ ok: true; balanceCents: number }>
  | Readonly<{
      ok: false;
      reason: 'insufficient_funds' | 'already_executed' | 'no_account';
    }>;

/** The example bank: customers, their accounts and the transfers made. */
export type Bank = Readonly<{
  verify(accountNumber: string, pin: string): Verification;
  balance(customerId: string, type: AccountType): number | undefined;
  transfer(order: TransferOrder): TransferResult;
  /** False once closed, or if the database went away. */
  isOpen(): boolean;
  close(): void;
}>;
