import { describe, expect, it } from 'vitest';
import { minimatch as real } from 'minimatch';
import { minimatch } from '../../lib/trust/path-pattern';

/** The stand-in for minimatch inside @tufjs/models (one path segment at a time). */
describe('delegated-role path patterns', () => {
  const agreeing: [string, string][] = [
    ['keys.json', '*'],
    ['keys.json', '*.json'],
    ['keys.json', 'keys.json'],
    ['keys.json', 'key?.json'],
    ['keys.json', 'k*s.j*n'],
    ['keys.json', 'keys'],
    ['keys.json', '*.txt'],
    ['registry.npmjs.org', 'registry.npmjs.org'],
    ['registry.npmjs.org', 'registry.npmjs.com'],
    ['.hidden', '*'],
    ['.hidden', '.*'],
    ['', '*'],
    ['', ''],
    ['a', ''],
    ['abc', '**'],
    ['abc', 'a?'],
  ];
  it.each(agreeing)('%s against %s: as minimatch', (segment, pattern) => {
    expect(minimatch(segment, pattern)).toBe(real(segment, pattern));
  });

  it.each([
    ['keys.json', '[k]eys.json'],
    ['keys.json', '{keys,other}.json'],
    ['keys.json', '+(keys).json'],
    ['keys.json', '!(other).json'],
    ['keys.json', 'keys\\.json'],
  ])('%s against unsupported syntax %s: no match (the delegation is not followed)', (segment, pattern) => {
    expect(minimatch(segment, pattern)).toBe(false);
  });
});
