/**
 * What the ledger's search (`q`) looks a demand up by: the 1-, 2- and 3-character grams of its
 * number and content (`<number> <content>`, the text `q` is matched against), each character
 * lower-cased on its own. The read model keeps them in a GIN-indexed `text[]`; a query's own grams
 * (the whole query up to 3 characters, else its 3-grams) must all be among a demand's for it to be
 * a candidate, and the candidates are then checked with ILIKE, which alone decides.
 *
 * Hand-written rather than pg_trgm: pg_trgm keeps only alphanumeric characters by the server's
 * locale, so under the C locale of the embedded PostgreSQL (`npm start` without DATABASE_URL) it
 * extracts no trigram at all from Chinese, and a two-character word (路灯) yields none anywhere.
 * Characters are code points (as PostgreSQL counts them), never UTF-16 halves.
 */

/** The longest gram stored; a longer query is looked up by its grams of this length. */
export const SEARCH_GRAM_LENGTH = 3;

/**
 * The characters of `text`, each lower-cased alone (a character whose lower case is several, as
 * İ's is, stays itself), so a text and its grams keep the same length in characters.
 */
function foldedCharacters(text: string): string[] {
  return Array.from(text, (c) => {
    const lower = c.toLowerCase();
    return lower.length === c.length ? lower : c;
  });
}

/** Every distinct 1-, 2- and 3-character gram of a demand's number and content. */
export function demandSearchGrams(number: string, content: string): string[] {
  const chars = foldedCharacters(`${number} ${content}`);
  const grams = new Set<string>();
  for (let n = 1; n <= SEARCH_GRAM_LENGTH; n++)
    for (let i = 0; i + n <= chars.length; i++) grams.add(chars.slice(i, i + n).join(''));
  return [...grams];
}

/**
 * The grams a demand must hold to match `q`: `q` itself when it is at most 3 characters long,
 * otherwise each of its distinct 3-grams. Empty for an empty query (it matches everything).
 */
export function querySearchGrams(q: string): string[] {
  const chars = foldedCharacters(q);
  if (chars.length === 0) return [];
  if (chars.length <= SEARCH_GRAM_LENGTH) return [chars.join('')];
  const grams = new Set<string>();
  for (let i = 0; i + SEARCH_GRAM_LENGTH <= chars.length; i++)
    grams.add(chars.slice(i, i + SEARCH_GRAM_LENGTH).join(''));
  return [...grams];
}
