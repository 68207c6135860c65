/** The one hash of the project: SHA-256 in hex, for content, inputs and signatures. */
import { hash } from 'node:crypto';

/** One-shot (no Hash object per call); bytes are hashed as they are, text as UTF-8. */
export function sha256(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}
