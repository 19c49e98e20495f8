// compromise.js FILE - the peer for tagging and entity recognition: the npm
// package `compromise` tags the text and finds people, places and
// organisations paragraph by paragraph.  Prints "TOKENS SECONDS".
'use strict';
const fs = require('fs');
const nlp = require('compromise');

const text = fs.readFileSync(process.argv[2], 'utf8');
const paras = text.split(/\n\s*\n/);
let tokens = 0, found = 0;
const t0 = process.hrtime.bigint();
for (const p of paras) {
  if (!p.trim()) continue;
  const doc = nlp(p);
  tokens += doc.terms().length;
  found += doc.people().length + doc.places().length + doc.organizations().length;
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`${tokens} ${secs.toFixed(3)} ${found}`);
