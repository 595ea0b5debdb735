import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { acceptInput, createTokenInput, invitationInput, loginInput, signupInput } from './auth.ts';
import { registerRepositoryInput } from './git.ts';
import { checkinInput, createGoalInput } from './goals.ts';
import { createPersonInput, recordReflectionInput, submitAssessmentInput } from './index.ts';
import { createEntryInput, entriesQuery } from './journal.ts';
import { MAX_LENGTH } from './limits.ts';
import { addEmailInput } from './people.ts';

/** The maxLength a schema's field carries in its JSON Schema (what the OpenAPI document says). */
function maxLengthOf(schema: z.ZodType, field: string): number | undefined {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<
      string,
      { maxLength?: number; items?: { properties?: Record<string, { maxLength?: number }> } }
    >;
  };
  const [name, inner] = field.split('[].');
  const property = json.properties?.[name as string];
  return inner ? property?.items?.properties?.[inner]?.maxLength : property?.maxLength;
}

describe('input limits', () => {
  it.each([
    [signupInput, 'name', 'personName'],
    [signupInput, 'roleTitle', 'roleTitle'],
    [signupInput, 'team', 'team'],
    [signupInput, 'password', 'password'],
    [loginInput, 'password', 'password'],
    [acceptInput, 'name', 'personName'],
    [invitationInput, 'team', 'team'],
    [createTokenInput, 'name', 'tokenName'],
    [createPersonInput, 'name', 'personName'],
    [createGoalInput, 'title', 'goalTitle'],
    [createGoalInput, 'why', 'goalText'],
    [createGoalInput, 'successCriteria', 'goalText'],
    [checkinInput, 'note', 'checkinNote'],
    [createEntryInput, 'title', 'entryTitle'],
    [createEntryInput, 'body', 'entryBody'],
    [createEntryInput, 'links[].', 'link'],
    [entriesQuery, 'q', 'search'],
    [recordReflectionInput, 'why', 'reflectionWhy'],
    [submitAssessmentInput, 'ratings[].comment', 'ratingComment'],
    [registerRepositoryInput, 'path', 'repositoryPath'],
    [registerRepositoryInput, 'rev', 'repositoryRev'],
    [registerRepositoryInput, 'name', 'repositoryName'],
  ] as const)('case %#: the contract limits this field to MAX_LENGTH.%s', (schema, field, limit) => {
    const found =
      field === 'links[].'
        ? (
            z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as unknown as {
              properties: { links: { items: { maxLength?: number } } };
            }
          ).properties.links.items.maxLength
        : maxLengthOf(schema as z.ZodType, field);
    expect(found).toBe(MAX_LENGTH[limit]);
  });

  it('refuses an email address longer than MAX_LENGTH.email', () => {
    const result = addEmailInput.safeParse({
      // A well-formed address (64-character local part, 63-character labels), 260 characters long.
      email: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`,
    });
    expect(result.success ? [] : result.error.issues.map((i) => i.message)).toContain('At most 254 characters.');
  });

  it('every text input of the web app carries a maxLength from MAX_LENGTH', () => {
    const root = path.resolve(import.meta.dirname, '../../web/src/features');
    const missing: string[] = [];
    for (const file of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.tsx')) continue;
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      // Each <input …>, <textarea …> and <Field …> element, up to the end of its opening tag.
      for (const match of text.matchAll(/<(input|textarea|Field)\b(?:=>|[^>])*?\/?>/gs)) {
        const element = match[0];
        // Inputs with a fixed kind of value, read-only ones, and Field's own <input {...rest}> (its callers are checked).
        if (/type="(checkbox|radio|date|file|hidden)"/.test(element) || /\breadOnly\b|\{\.\.\.rest\}/.test(element))
          continue;
        if (!/maxLength=\{(\(?MAX_LENGTH\.)/.test(element)) {
          const line = text.slice(0, match.index).split('\n').length;
          missing.push(`web/src/features/${file}:${line}: ${element.split('\n')[0]}`);
        }
      }
    }
    expect(missing, 'give these inputs maxLength={MAX_LENGTH.…} (src/contracts/limits.ts)').toEqual([]);
  });
});
