/**
 * Whether a word is ordinary English ("green", "border", "industrial"), so a capitalised "the Green area" is a
 * description rather than the name of a place. Reads the lexicon of compromise (already loaded for the rest of
 * extraction) plus the adjectives that describe areas and are missing from it.
 */
import nlp from 'compromise';

const PLACE_TAGS = new Set(['Place', 'City', 'Country', 'Region', 'Address', 'Demonym', 'FirstName', 'LastName', 'Person', 'MaleName', 'FemaleName']);
const AREA_WORDS = new Set(`central industrial residential commercial agricultural coastal security military border frontier
eastern western northern southern upper lower old new inner outer rural urban historic historical diplomatic
government tribal desert mountain mountainous forest forested wooded open contested occupied buffer`.split(/\s+/));

let lexicon: Record<string, string | string[]> | undefined;

export function isEnglishWord(word: string): boolean {
  const w = word.toLowerCase();
  if (AREA_WORDS.has(w)) return true;
  lexicon ??= (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  const tag = lexicon[w];
  if (tag === undefined) return false;
  const tags = Array.isArray(tag) ? tag : [tag];
  return !tags.some((t) => PLACE_TAGS.has(t));
}
