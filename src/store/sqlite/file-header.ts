import { closeSync, openSync, readSync, statSync } from 'node:fs';

const MAGIC = 'SQLite format 3\0';
const HEADER_BYTES = 100;

/** A state file whose first bytes already show it cannot be read; says why. */
export class HeaderProblem extends Error {}

/**
 * Checks what SQLite itself reads leniently: the magic string, and that the
 * file is as long as its header says. SQLite reads a short file as zeros, so
 * a copy cut at the end of its last page would otherwise load garbage. A
 * write-ahead log left by a killed process may hold the pages a checkpoint
 * had not finished copying, so the length is checked only without one.
 */
export function checkHeader(file: string, size: number): void {
  const header = readHeader(file, Math.min(size, HEADER_BYTES));
  if (header.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    throw new HeaderProblem(
      'is not an SQLite database (it lacks the SQLite header); ' +
        'name another file or move it away',
    );
  }
  if (size < HEADER_BYTES) throw new HeaderProblem(truncated(size, `${HEADER_BYTES} at least`));
  if (hasWriteAheadLog(file)) return;

  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  if (size % pageSize !== 0) throw new HeaderProblem(truncated(size, `a multiple of ${pageSize}`));

  const headerValid = header.readUInt32BE(24) === header.readUInt32BE(92);
  const expected = headerValid ? header.readUInt32BE(28) * pageSize : 0;
  if (size < expected) throw new HeaderProblem(truncated(size, String(expected)));
}

function truncated(size: number, expected: string): string {
  return (
    `is corrupt or truncated (${size} bytes, expected ${expected}); ` +
    'restore a good copy or name another file'
  );
}

function readHeader(file: string, length: number): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, length, 0);
  } finally {
    closeSync(fd);
  }
  return header;
}

function hasWriteAheadLog(file: string): boolean {
  const wal = statSync(`${file}-wal`, { throwIfNoEntry: false });
  return wal !== undefined && wal.size > 0;
}
