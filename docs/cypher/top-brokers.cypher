// The ten organisations most often on the shortest routes between two others: who bridges, and whose leaving would
// lengthen or cut the most routes. Run organisation-network.cypher first.
CALL gds.betweenness.stream('organisations') YIELD nodeId, score WITH gds.util.asNode(nodeId) AS organisation, score RETURN organisation.name AS organisation, organisation.kind AS kind, organisation.country AS country, round(score, 1) AS betweenness ORDER BY betweenness DESC LIMIT 10;
