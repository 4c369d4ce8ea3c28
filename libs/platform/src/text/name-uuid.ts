import { createHash } from 'node:crypto';

/**
 * A name-based UUID (SHA-256 of the name, version 8, RFC 9562 variant): the same name always gives
 * the same id, so a timer's notice, or a whistle the platform makes for an escalation, is written
 * once however often its job runs. Written here because node:crypto has no name-based UUID and the
 * `uuid` package's v5 is SHA-1; the ids already stored were made this way.
 */
export function nameUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
