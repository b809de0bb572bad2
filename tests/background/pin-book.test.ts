import { describe, expect, it } from 'vitest';
import { exportPins, mergeImported, parsePinFile, PinImportError, removePin, upsertPin } from '../../lib/background/pin-book';
import { pinSchema, type Pin } from '../../lib/policy/pins';

const pin = (pkg: string, repo: string, eco: 'npm' | 'pypi' = 'npm'): Pin =>
  pinSchema.parse({ ecosystem: eco, package: pkg, repositoryUrl: `https://github.com/${repo}`, createdAt: '2026-01-01T00:00:00Z' });

describe('pin book', () => {
  it('upsert replaces the pin of the same package, PyPI names normalized', () => {
    let pins = upsertPin([], pin('Foo_Bar', 'a/b', 'pypi'));
    pins = upsertPin(pins, pin('foo-bar', 'c/d', 'pypi'));
    expect(pins).toHaveLength(1);
    expect(pins[0]).toMatchObject({ package: 'foo-bar', repositoryUrl: 'https://github.com/c/d' });
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
    ['one bad pin rejects the file', JSON.stringify({ format: 'provenant-pins', version: 1, pins: [{ ecosystem: 'npm', package: 'a', repositoryUrl: 'http://insecure', createdAt: 'x' }] }), /pins\.0/],
    ['unknown ecosystem', JSON.stringify({ format: 'provenant-pins', version: 1, pins: [{ ecosystem: 'cargo', package: 'a', repositoryUrl: 'https://github.com/a/b', createdAt: 'x' }] }), /pins\.0\.ecosystem/],
  ])('import rejects %s with a clear message', (_n, text, message) => {
    expect(() => parsePinFile(text)).toThrow(PinImportError);
    expect(() => parsePinFile(text)).toThrow(message);
  });

  it('merge keeps existing pins and lets imported ones win per package', () => {
    const merged = mergeImported([pin('a', 'old/a'), pin('b', 'old/b')], [pin('a', 'new/a')]);
    expect(merged.map((p) => `${p.package}:${p.repositoryUrl}`).sort()).toEqual(['a:https://github.com/new/a', 'b:https://github.com/old/b']);
  });

  it('merge is the same as upserting each imported pin in turn', () => {
    const existing = [pin('a', 'o/a'), pin('Foo_Bar', 'o/f', 'pypi'), pin('b', 'o/b'), pin('c', 'o/c')];
    const imported = [pin('c', 'n/c1'), pin('foo.bar', 'n/f', 'pypi'), pin('d', 'n/d'), pin('c', 'n/c2'), pin('a', 'n/a')];
    expect(mergeImported(existing, imported)).toEqual(imported.reduce<Pin[]>((acc, p) => upsertPin(acc, p), [...existing]));
  });

  it('merging a 12,834-pin import takes linear time (it took 10 s)', () => {
    const many = Array.from({ length: 12_834 }, (_, i) => pin(`pkg-${i}`, `o/r${i}`, i % 2 ? 'npm' : 'pypi'));
    const start = performance.now();
    const merged = mergeImported(many.slice(0, 6000), many);
    expect(performance.now() - start).toBeLessThan(200);
    expect(merged).toHaveLength(12_834);
  });
});

