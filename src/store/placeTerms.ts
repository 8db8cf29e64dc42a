/**
 * What a place query ("Ain al-Asad", "kyiv", "IQ.camp-taji") matches in stored claims: the text itself as a
 * place name, mention or gazetteer id, and every place the gazetteer knows by that name or alias (their ids
 * and canonical names). Reviewed aliases in the store are matched in SQL (see claimQuery.ts).
 */
import { aliasKey } from '../api/review/corrections.ts';
import { defaultGazetteer, nameKey } from '../extract/gazetteer/index.ts';

export interface PlaceTerms {
  /** The query, lower-cased: compared with location names, mentions and ids. */
  text: string;
  /** The query as place_aliases.alias_key stores it. */
  aliasKey: string;
  /** Lower-cased canonical names of gazetteer places reached by the query. */
  names: string[];
  /** Lower-cased gazetteer ids of those places. */
  ids: string[];
}

export type PlaceResolver = (text: string) => PlaceTerms;

/** Resolves with the process's gazetteer (loaded on first use: about half a second). */
export const gazetteerPlaceTerms: PlaceResolver = (text) => {
  const lower = text.toLowerCase();
  const key = nameKey(text);
  const hits = key ? defaultGazetteer().lookupKey(key) : [];
  return {
    text: lower,
    aliasKey: aliasKey(text),
    names: [...new Set([lower, ...hits.map((h) => h.place.name.toLowerCase())])],
    ids: [...new Set([lower, ...hits.map((h) => h.place.id.toLowerCase())])],
  };
};
