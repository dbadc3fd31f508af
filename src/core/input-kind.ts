import type { Stats } from 'node:fs';

/**
 * What a path is when it is not a regular file, in words for a message ("it is a directory, not a
 * file"); undefined for a regular file. Reading a FIFO would block and /dev/zero never ends, so an
 * input must be a regular file before anything opens it.
 */
export function describeNotAFile(s: Stats): string | undefined {
  if (s.isFile()) return undefined;
  if (s.isDirectory()) return 'it is a directory, not a file';
  if (s.isFIFO()) return 'it is a FIFO (named pipe), not a regular file';
  if (s.isCharacterDevice()) return 'it is a character device (like /dev/zero), not a regular file';
  if (s.isBlockDevice()) return 'it is a block device, not a regular file';
  if (s.isSocket()) return 'it is a socket, not a regular file';
  return 'it is not a regular file';
}
