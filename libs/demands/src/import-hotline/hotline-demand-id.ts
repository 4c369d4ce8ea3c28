import { createHash } from 'node:crypto';

/**
 * The demand id of a 12345 ticket: a name-based UUID (version 5 layout, SHA-1) of (community,
 * ticket number), so importing the same ticket again names the stream already written.
 */
export function hotlineDemandId(communityId: string, ticketNumber: string): string {
  const h = createHash('sha1')
    .update(`hotline-ticket/${communityId}/${ticketNumber}`)
    .digest('hex');
  const variant = ((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}
