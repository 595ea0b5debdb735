import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * What the README says that the code can contradict: how many reflection statements the shipped
 * framework asks, and that every picture it shows exists (`npm run screenshots` takes them).
 */
const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'].concat([
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
]);

describe('README', () => {
  it('counts the path reflection’s statements as the shipped framework has them', () => {
    const framework = JSON.parse(fs.readFileSync(path.join(ROOT, 'framework/leadway-framework.json'), 'utf8')) as {
      reflection: { questions: unknown[] };
    };
    const said = /\*\*Choose your path\*\*: (\w+) statements/.exec(README)?.[1];
    expect(said, 'the "Choose your path" step names a number of statements').toBeDefined();
    expect(said).toBe(NUMBER_WORDS[framework.reflection.questions.length]);
  });

  it('shows only pictures that exist', () => {
    const images = [...README.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1] as string);
    expect(images.length).toBeGreaterThan(0);
    expect(images.filter((image) => !fs.existsSync(path.join(ROOT, image)))).toEqual([]);
  });
});
