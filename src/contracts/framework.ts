import { z } from 'zod';
import { frameworkSchema } from '../domain/framework/schema.ts';

/**
 * Installing a framework and its version history (the active framework's shape, `frameworkOutput`,
 * is in index.ts). What a valid framework file is belongs to the domain (`domain/framework/schema.ts`):
 * the contract is that file format. The service validates it (FRAMEWORK_INVALID, after the admin check).
 */
export const frameworkDocumentInput = frameworkSchema;
export type FrameworkDocumentInput = z.input<typeof frameworkDocumentInput>;

/** One installed framework version in the history. */
export const frameworkVersionOutput = z.object({
  id: z.string(),
  frameworkId: z.string(),
  version: z.string(),
  name: z.string(),
  installedAt: z.string(),
  isActive: z.boolean(),
});
export type FrameworkVersionOutput = z.infer<typeof frameworkVersionOutput>;
