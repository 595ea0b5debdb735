import { describe, expect, it } from 'vitest';
import { fieldsFromIssues } from './errors.ts';

describe('fieldsFromIssues', () => {
  it('keeps the first message per field, fields named like Object members included', () => {
    const fields = fieldsFromIssues([
      { path: ['constructor'], message: 'bad constructor' },
      { path: ['__proto__'], message: 'bad proto' },
      { path: ['toString'], message: 'bad toString' },
      { path: ['a', 0], message: 'first' },
      { path: ['a', 0], message: 'second' },
      { path: [], message: 'root' },
    ]);
    expect(Object.keys(fields)).toEqual(['constructor', '__proto__', 'toString', 'a.0', '(root)']);
    expect(fields['a.0']).toBe('first');
    expect(fields.constructor).toBe('bad constructor');
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });
});
