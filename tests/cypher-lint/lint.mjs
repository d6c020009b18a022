// Reads a JSON array of Cypher statements (file given as the only argument) and prints a JSON array of
// {statement, message} for every diagnostic of Neo4j's parser and semantic analysis, except undefined
// parameters (parameters are supplied at run time).
import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const statements = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const problems = [];
for (const statement of statements) {
  const { diagnostics } = lintCypherQuery(statement, {});
  for (const d of diagnostics) {
    if (/^Parameter \$\w+ is not defined\.$/.test(d.message)) continue;
    problems.push({ statement, message: d.message });
  }
}
process.stdout.write(JSON.stringify(problems));
