// schema.mjs describes the kg graph (see the graph model in the project spec)
// to the Cypher linter, so that misspelled labels, relationship types and
// property keys are reported, and procedures other than the few the queries
// may call are errors. Functions are not listed: the linter would then demand
// every built-in function too; the real server's EXPLAIN checks those.

const labels = ['Article', 'Sentence', 'Entity', 'Person', 'Organization', 'Place', 'Event'];

const relationshipTypes = [
  'HAS_SENTENCE',
  'MENTIONS',
  'HOLDS_ROLE',
  'SPOKESPERSON_FOR',
  'MEMBER_OF',
  'PART_OF',
  'PARTICIPATED_IN',
  'OCCURRED_IN',
  'CO_MENTIONED',
  'RENAMED_TO',
];

const propertyKeys = [
  // Article
  'id', 'title', 'url', 'source', 'published', 'lang', 'contentHash', 'path',
  // Sentence
  'index', 'text', 'start', 'end', 'article',
  // Entity (and Event)
  'name', 'aliases', 'nameEn', 'wikidata', 'mentionCount', 'articleCount', 'type', 'date', 'evidence',
  // relationships
  'count', 'role', 'articles', 'sentenceIds', 'sentences',
];

function arg(name, type, description, defaultValue) {
  const a = { isDeprecated: false, name, type, description };
  if (defaultValue !== undefined) a.default = `DefaultParameterValue{value=${defaultValue}, type=${type}}`;
  return a;
}

function ret(name, type, description) {
  return { isDeprecated: false, name, type, description };
}

function procedure(name, description, signature, argumentDescription, returnDescription) {
  return {
    name,
    description,
    mode: 'READ',
    worksOnSystem: false,
    signature,
    argumentDescription,
    returnDescription,
    admin: false,
    option: { deprecated: false },
  };
}

// Signatures as Neo4j 5.26 reports them in SHOW PROCEDURES.
const procedures = {
  'db.index.fulltext.queryNodes': procedure(
    'db.index.fulltext.queryNodes',
    'Query a full-text index for nodes.',
    'db.index.fulltext.queryNodes(indexName :: STRING, queryString :: STRING, options = {} :: MAP) :: (node :: NODE, score :: FLOAT)',
    [
      arg('indexName', 'STRING', 'The name of the full-text index.'),
      arg('queryString', 'STRING', 'The string to find approximate matches for.'),
      arg('options', 'MAP', '{skip :: INTEGER, limit :: INTEGER, analyzer :: STRING}', '{}'),
    ],
    [
      ret('node', 'NODE', 'A node which contains a property similar to the query string.'),
      ret('score', 'FLOAT', 'The score measuring how similar the node property is to the query string.'),
    ],
  ),
  'db.awaitIndexes': procedure(
    'db.awaitIndexes',
    'Wait for all indexes to come online.',
    'db.awaitIndexes(timeOutSeconds = 300 :: INTEGER)',
    [arg('timeOutSeconds', 'INTEGER', 'The maximum time to wait in seconds.', '300')],
    [],
  ),
};

export const schema = {
  labels,
  relationshipTypes,
  propertyKeys,
  procedures: { 'CYPHER 5': procedures },
  defaultLanguage: 'CYPHER 5',
};
