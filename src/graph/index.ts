// The link graph around an issue, for any feature (the graph view, chat):
// walk it through the link store, then draw it or write it out.
//
//   const graph = await walkGraph(services.store, 'TREK-12', { depth: 3, kinds: 'dependencies', signal });
//   toMermaid(graph, { words }); toDot(graph, { words });   // words: kernel/graphWords.ts edgeWords()

export { walkGraph, clampDepth, DEFAULT_DEPTH, MAX_DEPTH, type GraphStore } from './walk';
export { toMermaid, toMermaidBlock, toDot, type EdgeWords } from './export';
export {
  edgeOfLink,
  findCycles,
  isRelationshipKinds,
  KINDS_FOLLOWED,
  RELATIONSHIP_KINDS,
  type EdgeKind,
  type GraphEdge,
  type GraphNode,
  type LinkGraph,
  type RelationshipKinds,
  type StatusCategory,
} from './model';
export { layoutGraph, type Layout } from './layout';
