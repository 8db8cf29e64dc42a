/** The place knowledge matching uses in production: the gazetteer's places and their containers. */
import { ancestorsOf, placeById } from '../extract/gazetteer/index.ts';
import type { CompareContext } from './evidence.ts';

export function gazetteerCompareContext(): CompareContext {
  return {
    placeInfo: (id) => placeById(id),
    placeAncestors: (id) => ancestorsOf(id).map((p) => p.id),
  };
}
