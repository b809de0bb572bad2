/**
 * A ZIP writer whose output depends only on the files given, so a release can
 * be rebuilt byte for byte from its tag, and the reader the tests check it with.
 *
 * Everything that usually varies is fixed: entries sorted by their UTF-8 path
 * bytes, every timestamp 1980-01-01 00:00 (the first instant a ZIP's MS-DOS
 * date can hold), Unix mode 0644 for every file, no directory entries, no extra
 * fields, deflate at level 9. What remains is zlib's deflate itself, which can
 * change between zlib versions: reproduce a release with the Node version in
 * `.nvmrc` (docs/verify-a-release.md).
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Forward slashes, relative, no `.`/`..` segments. */
  path: string;
  data: Uint8Array;
}

export class ZipError extends Error {
  constructor(
    readonly code: 'BAD_PATH' | 'DUPLICATE_PATH' | 'TOO_LARGE' | 'MALFORMED_ZIP' | 'CRC_MISMATCH',
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'ZipError';
  }
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** MS-DOS date of 1980-01-01: (year - 1980) << 9 | month << 5 | day. */
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const DOS_TIME_MIDNIGHT = 0;
/** "Made by" Unix (3), spec 2.0: unzip then honours the mode bits below. */
const VERSION_MADE_BY = (3 << 8) | 20;
const VERSION_NEEDED = 20;
const METHOD_DEFLATE = 8;
const FLAG_UTF8_NAMES = 0x0800;
/** Regular file, rw-r--r--, in the high half of the external attributes. */
const EXTERNAL_ATTRIBUTES = (0o100644 << 16) >>> 0;
const DEFLATE_LEVEL = 9;
const MAX_32 = 0xffffffff;

function checkPath(path: string): void {
  const segments = path.split('/');
  if (path === '' || path.includes('\\') || path.includes('\0') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new ZipError('BAD_PATH', JSON.stringify(path));
  }
}

const byPathBytes = (a: { name: Buffer }, b: { name: Buffer }) => Buffer.compare(a.name, b.name);

/** The archive for `entries`, in one deterministic byte sequence. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const named = entries.map((e) => {
    checkPath(e.path);
    return { name: Buffer.from(e.path, 'utf8'), data: e.data, ascii: /^[\x20-\x7e]*$/.test(e.path) };
  });
  named.sort(byPathBytes);
  for (let i = 1; i < named.length; i++) {
    if (named[i - 1]!.name.equals(named[i]!.name)) throw new ZipError('DUPLICATE_PATH', named[i]!.name.toString('utf8'));
  }
  if (named.length > 0xffff) throw new ZipError('TOO_LARGE', `${named.length} entries (no ZIP64 here)`);

  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, ascii } of named) {
    const compressed = deflateRawSync(data, { level: DEFLATE_LEVEL });
    const crc = crc32(data);
    if (data.length > MAX_32 || compressed.length > MAX_32 || offset > MAX_32) throw new ZipError('TOO_LARGE', name.toString('utf8'));
    const flags = ascii ? 0 : FLAG_UTF8_NAMES;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(METHOD_DEFLATE, 8);
    local.writeUInt16LE(DOS_TIME_MIDNIGHT, 10);
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(VERSION_MADE_BY, 4);
    central.writeUInt16LE(VERSION_NEEDED, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(METHOD_DEFLATE, 10);
    central.writeUInt16LE(DOS_TIME_MIDNIGHT, 12);
    central.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal attributes: all 0.
    central.writeUInt32LE(EXTERNAL_ATTRIBUTES, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + compressed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(named.length, 8);
  end.writeUInt16LE(named.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

export interface ReadEntry extends ZipEntry {
  /** MS-DOS date and time words and the Unix mode, as stored (tests check they are fixed). */
  dosDate: number;
  dosTime: number;
  mode: number;
  method: number;
}

/**
 * The entries of a ZIP without a comment or ZIP64 (what writeZip makes, and
 * what the stores accept), in archive order; checks each CRC.
 */
export function readZip(zip: Uint8Array): ReadEntry[] {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const endAt = buf.length - 22;
  if (endAt < 0 || buf.readUInt32LE(endAt) !== END_OF_CENTRAL_DIRECTORY) throw new ZipError('MALFORMED_ZIP', 'no end of central directory (or a comment)');
  const count = buf.readUInt16LE(endAt + 10);
  let at = buf.readUInt32LE(endAt + 16);
  const entries: ReadEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== CENTRAL_HEADER) throw new ZipError('MALFORMED_ZIP', `central header ${i}`);
    const method = buf.readUInt16LE(at + 10);
    const dosTime = buf.readUInt16LE(at + 12);
    const dosDate = buf.readUInt16LE(at + 14);
    const crc = buf.readUInt32LE(at + 16);
    const compressedSize = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const mode = buf.readUInt32LE(at + 38) >>> 16;
    const localAt = buf.readUInt32LE(at + 42);
    const path = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extraLength + commentLength;

    if (buf.readUInt32LE(localAt) !== LOCAL_HEADER) throw new ZipError('MALFORMED_ZIP', `local header of ${path}`);
    const dataAt = localAt + 30 + buf.readUInt16LE(localAt + 26) + buf.readUInt16LE(localAt + 28);
    const raw = buf.subarray(dataAt, dataAt + compressedSize);
    let data: Buffer;
    if (method === METHOD_DEFLATE) {
      try {
        data = inflateRawSync(raw);
      } catch (e) {
        throw new ZipError('MALFORMED_ZIP', `${path}: ${(e as Error).message}`);
      }
    } else if (method === 0) data = Buffer.from(raw);
    else throw new ZipError('MALFORMED_ZIP', `${path}: compression method ${method}`);
    if (crc32(data) !== crc) throw new ZipError('CRC_MISMATCH', path);
    entries.push({ path, data, dosDate, dosTime, mode, method });
  }
  return entries;
}
