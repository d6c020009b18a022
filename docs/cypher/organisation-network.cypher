// The network of organisations, projected into the GDS catalog as 'organisations': two organisations are tied by each
// agreement both are party to, each person who works for both, each event both took part in, and a partnership; the
// tie's weight counts them. Organisations with no tie are left out of the projection.
CALL gds.graph.drop('organisations', false) YIELD graphName RETURN graphName;
CALL () {
  MATCH (a:Organisation {dataset: $dataset})-[:PARTY_TO]->(:Agreement)<-[:PARTY_TO]-(b:Organisation {dataset: $dataset}) RETURN a, b
  UNION ALL
  MATCH (a:Organisation {dataset: $dataset})<-[:WORKS_FOR]-(:Person)-[:WORKS_FOR]->(b:Organisation {dataset: $dataset}) RETURN a, b
  UNION ALL
  MATCH (a:Organisation {dataset: $dataset})-[:PARTICIPATED_IN]->(:Event)<-[:PARTICIPATED_IN]-(b:Organisation {dataset: $dataset}) RETURN a, b
  UNION ALL
  MATCH (a:Organisation {dataset: $dataset})-[:PARTNERS_WITH]-(b:Organisation {dataset: $dataset}) RETURN a, b
} WITH a, b WHERE a.id < b.id WITH a, b, count(*) AS weight WITH gds.graph.project('organisations', a, b, {relationshipProperties: {weight: toFloat(weight)}}, {undirectedRelationshipTypes: ['*']}) AS graph RETURN graph.graphName AS graph, graph.nodeCount AS organisations, graph.relationshipCount AS ties;
