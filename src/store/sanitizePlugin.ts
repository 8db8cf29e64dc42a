/**
 * A Kysely plugin that cleans every string parameter of every query (cleanText: no NUL, no unpaired
 * surrogate) before it reaches PostgreSQL or PGlite. Repositories need not remember to: a reason typed
 * into the review API, an alias proposal, an audit entry or a post all pass through here.
 */
import {
  OperationNodeTransformer,
  type PrimitiveValueListNode,
  type ValueNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { cleanText } from './json.ts';

function clean(v: unknown): unknown {
  if (typeof v === 'string') return cleanText(v);
  if (Array.isArray(v) && v.some((x) => typeof x === 'string')) return v.map(clean);
  return v;
}

function changed(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.some((x, i) => x !== b[i]);
  return a !== b;
}

class CleanStrings extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    const v = clean(node.value);
    return changed(node.value, v) ? { ...node, value: v } : node;
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    const values = node.values.map(clean);
    return values.some((v, i) => changed(node.values[i], v)) ? { ...node, values } : node;
  }
}

export class SanitizeTextPlugin implements KyselyPlugin {
  private readonly transformer = new CleanStrings();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
