// TEMPORARY placeholder while the noble-based replacement is written.
import crypto from 'node:crypto';
export const { createPublicKey, createHash, verify, timingSafeEqual } = crypto;
export default crypto;
