/** The one hash of the project: SHA-256 in hex, for content, inputs and signatures. */
import { createHash } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
