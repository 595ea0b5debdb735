import { z } from 'zod';
import { emailAddress, personIdParams } from './index.ts';

/** A person's extra email addresses, the ones git identities are matched on (profiles: index.ts). */

export const emailParams = personIdParams.extend({ email: z.string().max(254) });

/** Adding an address. */
export const addEmailInput = z.strictObject({ email: emailAddress });
export type AddEmailInput = z.input<typeof addEmailInput>;

/** A person's addresses: the primary one and the extra ones git identities are matched on. */
export const emailsOutput = z.object({ primary: z.string(), extra: z.array(z.string()) });
export type EmailsOutput = z.infer<typeof emailsOutput>;
