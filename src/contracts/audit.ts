import { z } from 'zod';

/** One line of "who read or changed my data". */
export const auditLineOutput = z.object({
  id: z.string(),
  who: z.string(),
  whoId: z.string(),
  action: z.string(),
  resource: z.string(),
  at: z.string(),
});
export type AuditLineOutput = z.infer<typeof auditLineOutput>;
