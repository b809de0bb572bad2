import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, zipName } from '../../tools/package/release-zips';
import { readZip, writeZip, ZipError, type ZipEntry } from '../../tools/package/zip-archive';

const bytes = (s: string) => new TextEncoder().encode(s);
const ENTRIES: ZipEntry[] = [
  { path: 'manifest.json', data: bytes('{"manifest_version":3}') },
  { path: 'content-scripts/npm.js', data: bytes('console.log(1);'.repeat(100)) },
  { path: 'assets/é.css', data: bytes('') },
  { path: 'background.js', data: new Uint8Array(4096).map((_, i) => (i * 7919) % 251) },
];

describe('deterministic zip', () => {
  it('the same files give the same bytes, whatever order they come in', () => {
    const a = writeZip(ENTRIES);
    const b = writeZip([...ENTRIES].reverse());
    expect(b.equals(a)).toBe(true);
    expect(readZip(a).map((e) => e.path)).toEqual(['assets/é.css', 'background.js', 'content-scripts/npm.js', 'manifest.json']);
  });

  it('reads back every file with its bytes, a fixed 1980-01-01 00:00 timestamp, mode 0644 and deflate', () => {
    const read = readZip(writeZip(ENTRIES));
    for (const entry of ENTRIES) {
      const found = read.find((r) => r.path === entry.path)!;
      expect(Buffer.from(found.data).equals(Buffer.from(entry.data))).toBe(true);
      expect(found).toMatchObject({ dosDate: 0x21, dosTime: 0, mode: 0o100644, method: 8 });
    }
  });

  it('any change of content changes the archive', () => {
    const changed = ENTRIES.map((e) => (e.path === 'manifest.json' ? { ...e, data: bytes('{"manifest_version":2}') } : e));
    expect(writeZip(changed).equals(writeZip(ENTRIES))).toBe(false);
  });

  it('refuses paths that would unpack outside the folder, and duplicates', () => {
    for (const path of ['../x', '/etc/passwd', 'a//b', 'a\\b', './a', '']) {
      expect(() => writeZip([{ path, data: bytes('x') }]), path).toThrow(ZipError);
    }
    expect(() => writeZip([ENTRIES[0]!, ENTRIES[0]!])).toThrow(/DUPLICATE_PATH/);
  });

  it('the reader notices a damaged file', () => {
    const zip = writeZip([{ path: 'a.txt', data: new Uint8Array(1000) }]);
    const damaged = Buffer.from(zip);
    // The stored (deflated) data starts after the 30-byte local header and the 5-byte name.
    damaged.writeUInt8(damaged.readUInt8(36) ^ 0xff, 36);
    expect(() => readZip(damaged)).toThrow(ZipError);
    expect(() => readZip(zip.subarray(0, zip.length - 1))).toThrow(/MALFORMED_ZIP/);
  });
});

describe('what goes into the browser zips', () => {
  it('every regular file under the build folder, with forward-slash paths; a symbolic link is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'provenant-files-'));
    try {
      mkdirSync(join(dir, 'content-scripts'));
      writeFileSync(join(dir, 'manifest.json'), '{}');
      writeFileSync(join(dir, 'content-scripts', 'npm.js'), 'x');
      expect(filesUnder(dir).map((e) => e.path).sort()).toEqual(['content-scripts/npm.js', 'manifest.json']);
      symlinkSync('/etc/hostname', join(dir, 'leak.txt'));
      expect(() => filesUnder(dir)).toThrow(/not a regular file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the zips as the release and the docs do', () => {
    expect(zipName('1.2.3', 'chrome')).toBe('provenant-1.2.3-chrome.zip');
    expect(zipName('1.2.3', 'sources')).toBe('provenant-1.2.3-sources.zip');
  });
});
