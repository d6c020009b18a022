// When a dataset outgrows one machine: the same analyses in Neo4j's Graph Data Science, their results written back
// onto the organisations as properties (networkBetweenness, networkCommunity, networkPageRank) for pages and reports
// to read, and the memory each step would take, estimated by GDS itself before anything runs. Run
// organisation-network.cypher first for the real projection; the estimates below need no data (fictive graphs of the
// stated size: CORDIS-Leuven has about 28 ties per organisation, 5,271 organisations and 146,781 ties).
//
// Memory of the projection for 50,000 and for 1,000,000 organisations.
CALL gds.graph.project.estimate('*', '*', {nodeCount: 50000, relationshipCount: 1400000}) YIELD requiredMemory, bytesMin, bytesMax RETURN '50k organisations' AS size, requiredMemory, bytesMin, bytesMax;
CALL gds.graph.project.estimate('*', '*', {nodeCount: 1000000, relationshipCount: 28000000}) YIELD requiredMemory, bytesMin, bytesMax RETURN '1M organisations' AS size, requiredMemory, bytesMin, bytesMax;
// Memory of each analysis on the projected 'organisations' graph, before writing its results back.
CALL gds.betweenness.write.estimate('organisations', {writeProperty: 'networkBetweenness', relationshipWeightProperty: 'weight'}) YIELD requiredMemory, nodeCount, relationshipCount RETURN 'betweenness' AS analysis, requiredMemory, nodeCount, relationshipCount;
CALL gds.leiden.write.estimate('organisations', {writeProperty: 'networkCommunity', relationshipWeightProperty: 'weight'}) YIELD requiredMemory, nodeCount, relationshipCount RETURN 'leiden' AS analysis, requiredMemory, nodeCount, relationshipCount;
// The analyses, written back: sampled betweenness above 50,000 organisations (samplingSize sources; exact below).
CALL gds.betweenness.write('organisations', {writeProperty: 'networkBetweenness', relationshipWeightProperty: 'weight', samplingSize: 5000, samplingSeed: 42}) YIELD nodePropertiesWritten, computeMillis RETURN 'betweenness' AS analysis, nodePropertiesWritten, computeMillis;
CALL gds.leiden.write('organisations', {writeProperty: 'networkCommunity', relationshipWeightProperty: 'weight', randomSeed: 42, concurrency: 1}) YIELD nodePropertiesWritten, communityCount, modularity RETURN 'leiden' AS analysis, nodePropertiesWritten, communityCount, modularity;
CALL gds.pageRank.write('organisations', {writeProperty: 'networkPageRank', relationshipWeightProperty: 'weight'}) YIELD nodePropertiesWritten, ranIterations RETURN 'pagerank' AS analysis, nodePropertiesWritten, ranIterations;
// What a page reads afterwards: the brokers by the written betweenness, with their community.
MATCH (o:Organisation {dataset: $dataset}) WHERE o.networkBetweenness IS NOT NULL RETURN o.id AS id, o.name AS organisation, o.networkBetweenness AS betweenness, o.networkCommunity AS community ORDER BY betweenness DESC LIMIT 50;
