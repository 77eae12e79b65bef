// name: graph-overview
// description: Size of the graph: the number of nodes per label and of relationships per type
CALL () {
  MATCH (n)
  UNWIND labels(n) AS label
  RETURN 'node' AS kind, label AS name, count(*) AS total
  UNION ALL
  MATCH ()-[r]->()
  RETURN 'relationship' AS kind, type(r) AS name, count(*) AS total
}
RETURN kind, name, total
ORDER BY kind, name
