/** Text or an attribute value made safe to put into HTML the platform renders (archive, sheets). */
export const escapeHtml = (v: string | number | boolean | null | undefined): string =>
  String(v ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
