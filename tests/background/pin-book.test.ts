import { describe, expect, it } from 'vitest';
import { describeWeakenings, exportPins, importWeakenings, mergeImported, parsePinFile, PinImportError, removePin, upsertPin } from '../../lib/background/pin-book';
import { pinSchema, type Pin, type PinIdentity } from '../../lib/policy/pins';
import { onePin } from '../support/pins';

const pin = (pkg: string, repo: string, eco: 'npm' | 'pypi' = 'npm'): Pin =>
  onePin({ ecosystem: eco, package: pkg, repositoryUrl: `https://github.com/${repo}`, createdAt: '2026-01-01T00:00:00Z' });

describe('pin book', () => {
  it('upsert replaces the pin of the same package, PyPI names normalized', () => {
    let pins = upsertPin([], pin('Foo_Bar', 'a/b', 'pypi'));
    pins = upsertPin(pins, pin('foo-bar', 'c/d', 'pypi'));
    expect(pins).toHaveLength(1);
    expect(pins[0]).toMatchObject({ package: 'foo-bar', identities: [{ repositoryUrl: 'https://github.com/c/d' }] });
  });

  it('edit with a new package name replaces the old entry', () => {
    const pins = upsertPin([pin('a', 'x/y')], pin('b', 'x/y'), { ecosystem: 'npm', package: 'a' });
    expect(pins.map((p) => p.package)).toEqual(['b']);
  });

  it('remove deletes only that package', () => {
    expect(removePin([pin('a', 'x/y'), pin('b', 'x/y')], 'npm', 'a').map((p) => p.package)).toEqual(['b']);
  });

  it('export then import round-trips', () => {
    const pins = [pin('a', 'x/y'), pin('@s/b', 'x/z')];
    const back = parsePinFile(exportPins(pins));
    expect(back.map(({ source: _s, ...rest }) => rest)).toEqual(pins.map(({ source: _s, ...rest }) => rest));
    expect(back.every((p) => p.source === 'import')).toBe(true);
  });

  it.each([
    ['not JSON', '{"format":', /not JSON/],
    ['another format', JSON.stringify({ format: 'other', version: 1, pins: [] }), /not a Provenant pin export/],
    ['a version this build does not know', JSON.stringify({ format: 'provenant-pins', version: 3, pins: [] }), /at version/],
    ['a version 2 pin in the version 1 shape', JSON.stringify({ format: 'provenant-pins', version: 2, pins: [{ ecosystem: 'npm', package: 'a', repositoryUrl: 'https://github.com/a/b', createdAt: 'x' }] }), /pins\.0\.identities/],
    ['a version 2 pin accepting too many identities', JSON.stringify({ format: 'provenant-pins', version: 2, pins: [{ ecosystem: 'npm', package: 'a', identities: Array.from({ length: 17 }, () => ({ workflowPath: 'w.yml' })), createdAt: 'x' }] }), /at most 16 identities/],
    ['one bad pin rejects the file', JSON.stringify({ format: 'provenant-pins', version: 1, pins: [{ ecosystem: 'npm', package: 'a', repositoryUrl: 'http://insecure', createdAt: 'x' }] }), /pins\.0/],
    ['unknown ecosystem', JSON.stringify({ format: 'provenant-pins', version: 1, pins: [{ ecosystem: 'cargo', package: 'a', repositoryUrl: 'https://github.com/a/b', createdAt: 'x' }] }), /pins\.0\.ecosystem/],
  ])('import rejects %s with a clear message', (_n, text, message) => {
    expect(() => parsePinFile(text)).toThrow(PinImportError);
    expect(() => parsePinFile(text)).toThrow(message);
  });

  it('merge keeps existing pins and lets imported ones win per package', () => {
    const merged = mergeImported([pin('a', 'old/a'), pin('b', 'old/b')], [pin('a', 'new/a')]);
    expect(merged.map((p) => `${p.package}:${p.identities[0]!.repositoryUrl}`).sort()).toEqual(['a:https://github.com/new/a', 'b:https://github.com/old/b']);
  });

  it('merge gives what one upsert per imported pin gives, in the same order, in one pass', () => {
    const names = ['a', 'B_c', 'b-c', 'd', 'a', 'e.f', 'E-F', 'g'];
    // Stored pins are as upsertPin leaves them: one per package, names normalized.
    const existing = names.slice(0, 5).map((n, i) => pin(n, `old/${i}`, i % 2 ? 'pypi' : 'npm')).reduce<Pin[]>((acc, p) => upsertPin(acc, p), []);
    const imported = [...names.slice(2), 'h'].map((n, i) => pin(n, `new/${i}`, i % 3 ? 'pypi' : 'npm'));
    const reference = imported.reduce<Pin[]>((acc, p) => upsertPin(acc, p), [...existing]);
    expect(mergeImported(existing, imported)).toEqual(reference);
    // Thousands of pins: each package once, the imported ones winning.
    const many = Array.from({ length: 5_000 }, (_, i) => pin(`p${i}`, `new/${i}`));
    const merged = mergeImported(Array.from({ length: 5_000 }, (_, i) => pin(`p${i}`, `old/${i}`)), many);
    expect(merged).toHaveLength(5_000);
    expect(merged.every((p) => p.identities[0]!.repositoryUrl!.includes('/new/'))).toBe(true);
  });

  it('imports a version 1 file (one identity per pin, as exported before pins held a set)', () => {
    const v1 = JSON.stringify({ format: 'provenant-pins', version: 1, pins: [{ ecosystem: 'npm', package: 'a', repositoryUrl: 'https://github.com/x/y', refPattern: 'refs/tags/*', createdAt: 'x' }] });
    expect(parsePinFile(v1)).toEqual([{ ecosystem: 'npm', package: 'a', identities: [{ repositoryUrl: 'https://github.com/x/y', refPattern: 'refs/tags/*' }], source: 'import', createdAt: 'x' }]);
    expect(JSON.parse(exportPins([pin('a', 'x/y')])).version).toBe(2);
  });
});

describe('import weakenings with accepted identities', () => {
  const A: PinIdentity = { repositoryUrl: 'https://github.com/o/a', workflowPath: '.github/workflows/release.yml' };
  const B: PinIdentity = { repositoryUrl: 'https://github.com/o/a', workflowPath: '.github/workflows/publish.yml' };
  const accepting = (...identities: PinIdentity[]): Pin => pinSchema.parse({ ecosystem: 'npm', package: 'a', identities, createdAt: 'x' });

  it('adding an accepted identity to an existing pin weakens it, naming what the new one lets through', () => {
    expect(importWeakenings([accepting(A)], [accepting(A, B)])).toEqual([{ ecosystem: 'npm', package: 'a', fields: ['workflowPath'], added: 1, widened: true }]);
    expect(describeWeakenings(importWeakenings([accepting(A)], [accepting(A, B)]))).toContain('a (workflowPath), accepting another identity.');
  });

  it('dropping an accepted identity, or naming more fields in one, does not weaken', () => {
    expect(importWeakenings([accepting(A, B)], [accepting(B)])).toEqual([]);
    expect(importWeakenings([accepting(A)], [accepting({ ...A, refPattern: 'refs/tags/*' })])).toEqual([]);
    expect(importWeakenings([accepting(A, B)], [accepting(B, A)])).toEqual([]);
  });

  it('one accepted identity replaced by a looser one weakens, against the identity it loosens least', () => {
    expect(importWeakenings([accepting(A, B)], [accepting({ repositoryUrl: 'https://github.com/o/a' })])).toEqual([{ ecosystem: 'npm', package: 'a', fields: ['workflowPath'], added: 1, widened: false }]);
    expect(importWeakenings([accepting(A)], [accepting(B, { repositoryUrl: 'https://github.com/evil/a' })])).toEqual([{ ecosystem: 'npm', package: 'a', fields: ['repositoryUrl', 'workflowPath'], added: 2, widened: true }]);
  });
});
