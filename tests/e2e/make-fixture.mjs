// make-fixture.mjs - the knowledge base the server's tests and benchmark use,
// as `newsgraph extract` JSON Lines records (docs/records.md) with entities
// and facts attached by hand, so no model is needed.  Every name and sentence
// is invented for newsgraph.  Byte offsets are UTF-8, as the store keeps them.
//
//   node tests/e2e/make-fixture.mjs > fixture.jsonl          the small world
//   node tests/e2e/make-fixture.mjs --docs 3000 > big.jsonl  plus synthetic news
const enc = new TextEncoder();
const bytes = (s) => enc.encode(s).length;

// One document: sentences (paragraph breaks where a sentence starts with
// "\n"), entities with the strings that mention them, and facts whose
// evidence is sentence number `s`.
function emit(out, d) {
  let body = '';
  const sents = [];
  for (const raw of d.sentences) {
    const para = raw.startsWith('\n');
    const text = para ? raw.slice(1) : raw;
    if (body) body += para ? '\n\n' : ' ';
    const start = bytes(body);
    body += text;
    sents.push({ start, end: bytes(body), text });
  }
  out.push({ kind: 'document', doc: d.doc, title: d.title, date: d.date, author: d.author || null,
             publisher: d.publisher, language: 'en', url: d.url, body });
  const ids = new Map();
  d.entities.forEach((e, i) => {
    ids.set(e.name, i + 1);
    const mentions = [];
    for (const m of [e.name, ...(e.mentions || [])]) {
      let from = 0;
      for (;;) {
        const at = body.indexOf(m, from);
        if (at < 0) break;
        const s = bytes(body.slice(0, at));
        if (!mentions.some(([a, b]) => s < b && s + bytes(m) > a)) mentions.push([s, s + bytes(m)]);
        from = at + m.length;
      }
    }
    mentions.sort((a, b) => a[0] - b[0]);
    out.push({ kind: 'entity', doc: d.doc, id: i + 1, name: e.name, type: e.type,
               aliases: e.aliases || [], mentions });
  });
  const arg = (name) => {
    const e = d.entities.find((x) => x.name === name);
    return e ? { id: ids.get(name), name, type: e.type, aliases: e.aliases || [] }
             : { name, type: 'LITERAL' };
  };
  for (const f of d.facts) {
    const s = sents[f.s];
    if (!s) throw new Error(`${d.doc}: no sentence ${f.s}`);
    out.push({ kind: 'fact', doc: d.doc, relation: f.rel, subject: arg(f.subj), object: arg(f.obj),
               polarity: f.neg ? 'negative' : 'positive', modality: f.mod || 'asserted',
               time: f.time || null, title: f.title || null, confidence: f.conf ?? 0.9,
               evidence: { sentence: f.s, start: s.start, end: s.end } });
  }
}

const P = 'PERSON', O = 'ORG', G = 'GPE', E = 'EVENT';
const summit = { name: 'Northgate Digital Summit', type: E, aliases: ['the Northgate summit'],
                 mentions: ['Northgate summit'] };
const dana = { name: 'Dana Whitfield', type: P, aliases: ['Whitfield'], mentions: ['Whitfield'] };
const tomas = { name: 'Tomás Ferreira', type: P, aliases: ['Ferreira'], mentions: ['Ferreira'] };
const aiko = { name: 'Aiko Marsh', type: P, aliases: ['Marsh'], mentions: ['Marsh'] };
const ravi = { name: 'Ravi Castellan', type: P, aliases: ['Castellan'], mentions: ['Castellan'] };
const lumen = { name: 'Lumen Robotics', type: O, aliases: ['Lumen'] };
const orbital = { name: 'Orbital Freight', type: O };
const bright = { name: 'Brightwell Labs', type: O };
const elsa = { name: 'Port Elsa', type: G };
const ledger = 'The Harbour Ledger', wire = 'Northwind Wire', daily = 'Capital Daily';

const world = [
  { doc: 'summit-2019-opens', title: 'Robotics chiefs gather as the Northgate summit opens', date: '2019-10-21',
    author: 'Lena Brook', publisher: ledger, url: 'https://ledger.example/2019/10/summit-opens',
    entities: [summit, dana, tomas, aiko, lumen, orbital, elsa],
    sentences: [
      'The Northgate Digital Summit opened in Port Elsa on Monday, drawing executives from across the region.',
      'Dana Whitfield, chief executive of Lumen Robotics, attended the opening session.',
      'Tomás Ferreira, the founder of Orbital Freight, also attended.',
      'Aiko Marsh did not attend this year, her office said.',
      '\n"Machines should carry the heavy loads, not people," Whitfield told the audience.'],
    facts: [
      { rel: 'held_in', subj: summit.name, obj: elsa.name, s: 0, time: '2019-10-21' },
      { rel: 'attended', subj: dana.name, obj: summit.name, s: 1, time: '2019' },
      { rel: 'role', subj: dana.name, obj: lumen.name, s: 1, title: 'chief executive', time: '2019' },
      { rel: 'attended', subj: tomas.name, obj: summit.name, s: 2, time: '2019' },
      { rel: 'role', subj: tomas.name, obj: orbital.name, s: 2, title: 'founder' },
      { rel: 'attended', subj: aiko.name, obj: summit.name, s: 3, time: '2019', neg: true },
      { rel: 'said', subj: dana.name, obj: 'Machines should carry the heavy loads, not people', s: 4 }] },
  { doc: 'lumen-moves-hq', title: 'Lumen Robotics settles in Port Elsa', date: '2020-03-02',
    author: 'Omar Keel', publisher: wire, url: 'https://wire.example/lumen-port-elsa',
    entities: [lumen, elsa, dana, aiko],
    sentences: [
      'Lumen Robotics is now based in Port Elsa after moving its engineers from the capital.',
      'Aiko Marsh, the former chair of Lumen Robotics, backed the move.',
      'Dana Whitfield said the city had the port and the talent the company needed.'],
    facts: [
      { rel: 'based_in', subj: lumen.name, obj: elsa.name, s: 0, time: '2020' },
      { rel: 'role', subj: aiko.name, obj: lumen.name, s: 1, title: 'chair', mod: 'former' }] },
  { doc: 'lumen-buys-brightwell', title: 'Lumen Robotics buys Brightwell Labs', date: '2021-05-14',
    author: 'Lena Brook', publisher: ledger, url: 'https://ledger.example/2021/05/lumen-brightwell',
    entities: [lumen, bright, dana],
    sentences: [
      'Lumen Robotics has bought Brightwell Labs, a maker of warehouse sensors.',
      'Dana Whitfield called the deal a natural fit.'],
    facts: [{ rel: 'owns', subj: lumen.name, obj: bright.name, s: 0, time: '2021-05' }] },
  { doc: 'summit-2021', title: 'Northgate summit returns after a quiet year', date: '2021-10-18',
    author: 'Priya Anand', publisher: daily, url: 'https://daily.example/northgate-2021',
    entities: [summit, tomas, ravi, elsa],
    sentences: [
      'The Northgate Digital Summit returned to Port Elsa this week.',
      'Tomás Ferreira attended for a second time.',
      'Ravi Castellan was invited but has not confirmed.'],
    facts: [
      { rel: 'held_in', subj: summit.name, obj: elsa.name, s: 0, time: '2021' },
      { rel: 'attended', subj: tomas.name, obj: summit.name, s: 1, time: '2021' },
      { rel: 'invited_to', subj: ravi.name, obj: summit.name, s: 2, time: '2021' }] },
  { doc: 'summit-2022-preview', title: 'Who is expected at the Northgate Digital Summit', date: '2022-10-10',
    author: 'Omar Keel', publisher: wire, url: 'https://wire.example/northgate-2022-preview',
    entities: [summit, dana, ravi],
    sentences: [
      'Dana Whitfield has been invited to the Northgate Digital Summit next week.',
      'Whitfield is expected to speak on the second day.',
      'Ravi Castellan will also attend, organisers said.'],
    facts: [
      { rel: 'invited_to', subj: dana.name, obj: summit.name, s: 0, time: '2022' },
      { rel: 'attended', subj: dana.name, obj: summit.name, s: 1, time: '2022', mod: 'planned' },
      { rel: 'attended', subj: ravi.name, obj: summit.name, s: 2, time: '2022', mod: 'planned' }] },
  { doc: 'summit-2022-closes', title: 'Northgate summit closes with a warning on chips', date: '2022-10-21',
    author: 'Lena Brook', publisher: ledger, url: 'https://ledger.example/2022/10/summit-closes',
    entities: [summit, dana, ravi, tomas, elsa],
    sentences: [
      'The Northgate Digital Summit closed in Port Elsa on Friday.',
      'Dana Whitfield attended and spoke about supply chains.',
      'Ravi Castellan did not attend in the end, citing travel problems.',
      'Tomás Ferreira stayed away as well.'],
    facts: [
      { rel: 'held_in', subj: summit.name, obj: elsa.name, s: 0, time: '2022' },
      { rel: 'attended', subj: dana.name, obj: summit.name, s: 1, time: '2022' },
      { rel: 'attended', subj: ravi.name, obj: summit.name, s: 2, time: '2022', neg: true },
      { rel: 'attended', subj: tomas.name, obj: summit.name, s: 3, time: '2022', neg: true }] },
];

// Synthetic news for the load benchmark: invented names, fixed seed.
function synthetic(n) {
  let seed = 12345;
  const rnd = (k) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % k; };
  const first = ['Ada', 'Bram', 'Cleo', 'Dario', 'Edda', 'Femi', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kira',
                 'Luca', 'Mira', 'Nils', 'Olga', 'Pavel', 'Quinn', 'Rosa', 'Sami', 'Tilde'];
  const last = ['Arden', 'Brandt', 'Corvo', 'Dahl', 'Ekström', 'Falk', 'Grell', 'Holm', 'Ivers', 'Jost',
                'Kade', 'Lorne', 'Moro', 'Nyqvist', 'Orsk', 'Pell', 'Quist', 'Rand', 'Soll', 'Tarn'];
  const orgs = ['Alder', 'Basalt', 'Cinder', 'Drift', 'Ember', 'Fjord', 'Garnet', 'Heron', 'Iris', 'Juniper']
    .flatMap((a) => ['Systems', 'Bank', 'Motors', 'Media'].map((b) => `${a} ${b}`));
  const places = ['Valmora', 'Kestrel Bay', 'Old Harlow', 'Sundvik', 'Marrow Point', 'Eastwick'];
  const events = ['Valmora Trade Forum', 'Kestrel Energy Week', 'Sundvik Media Days', 'Harlow Finance Summit'];
  const titles = ['chief executive', 'chair', 'finance director', 'founder', 'spokesperson'];
  const docs = [];
  for (let i = 0; i < n; i++) {
    const year = 2015 + rnd(10);
    const date = `${year}-${String(1 + rnd(12)).padStart(2, '0')}-${String(1 + rnd(28)).padStart(2, '0')}`;
    const p1 = { name: `${first[rnd(20)]} ${last[rnd(20)]}`, type: P };
    let p2 = { name: `${first[rnd(20)]} ${last[rnd(20)]}`, type: P };
    if (p2.name === p1.name) p2 = { name: `${p2.name.split(' ')[0]} ${last[(last.indexOf(p2.name.split(' ')[1]) + 1) % 20]}`, type: P };
    const org = { name: orgs[rnd(orgs.length)], type: O };
    const ev = { name: events[rnd(events.length)], type: E };
    const place = { name: places[rnd(places.length)], type: G };
    const title = titles[rnd(titles.length)];
    const neg = rnd(5) === 0;
    docs.push({ doc: `synthetic-${i}`, title: `${p1.name} of ${org.name} at the ${ev.name}`, date,
      publisher: [ledger, wire, daily][rnd(3)], url: `https://example.org/news/${i}`,
      entities: [p1, p2, org, ev, place],
      sentences: [
        `${p1.name}, ${title} of ${org.name}, ${neg ? 'did not attend' : 'attended'} the ${ev.name} in ${place.name}.`,
        `${p2.name} said the meeting of item ${i} went on late into the evening.`,
        `${org.name} is based in ${place.name}, where the company employs ${100 + rnd(900)} people.`],
      facts: [
        { rel: 'attended', subj: p1.name, obj: ev.name, s: 0, time: String(year), neg },
        { rel: 'role', subj: p1.name, obj: org.name, s: 0, title, time: String(year) },
        { rel: 'held_in', subj: ev.name, obj: place.name, s: 0, time: String(year) },
        { rel: 'based_in', subj: org.name, obj: place.name, s: 2 }] });
  }
  return docs;
}

const out = [];
const at = process.argv.indexOf('--docs');
for (const d of [...world, ...(at > 0 ? synthetic(Number(process.argv[at + 1])) : [])]) emit(out, d);
process.stdout.write(out.map((r) => JSON.stringify(r)).join('\n') + '\n');
