# store_gen.awk - write N synthetic documents as `newsgraph extract` records
# (document, entity and fact records) for the store's CLI tests.
#
#   awk -v n=2000 -v seed=7 -f tests/cli/store_gen.awk > big.jsonl
#
# Each document opens with "PERSON of ORG attended the EVENT YEAR." and goes
# on with random words, so documents are distinct and not near-duplicates,
# while people, companies and events repeat across documents (and merge).
# Names are invented; every person works for one company (no conflicting roles).
BEGIN {
    srand(seed ? seed : 1)
    nfirst = split("Ada Bram Cleo Dario Edda Fenn Gala Hugo Ilse Jory Kaia Lorn Mira Nils Oona Pell", first)
    nlast = split("Quin Rask Sorel Tamm Ulloa Varga Wick Yates Zorn Abbe Brisk Coyle Dunmore Eske", last)
    norg = split("Vexa|Corvid Labs|Pellucid Data|Marrow Networks|Tallis Robotics|Oakum Systems|Brine Cloud|Quarry AI", org, "|")
    nevent = split("Delta Forum|North Quay Summit|Lattice Conference|Orchard Tech Week", event, "|")
    nwords = split("market cloud server river policy growth shipment contract panel budget network " \
        "customer engineer report quarter storage license export factory supplier partner office " \
        "delay launch review pricing capacity vendor tender outage upgrade migration audit region " \
        "team board forecast retail freight sensor battery platform archive invoice backlog route", words)
    for (d = 1; d <= n; d++)
        doc(d)
}

function pick(k) { return int(rand() * k) + 1 }

function json(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }

function doc(d,    pi, person, company, ev, year, evname, head, body, k, w, p0, o0, e0, id) {
    pi = pick(nfirst * nlast) - 1
    person = first[pi % nfirst + 1] " " last[int(pi / nfirst) % nlast + 1]
    company = org[pi % norg + 1] " Inc"
    ev = event[pick(nevent)]
    year = 2014 + pick(11) - 1
    evname = ev " " year
    head = person " of " company " attended the " evname "."
    body = head
    for (k = 0; k < 6; k++) {
        body = body " The"
        for (w = 0; w < 10; w++)
            body = body " " words[pick(nwords)]
        body = body " " d "-" k "."
    }
    id = sprintf("gen-%05d", d)
    p0 = 0
    o0 = length(person) + 4
    e0 = index(head, evname) - 1
    printf "{\"kind\":\"document\",\"doc\":%s,\"title\":%s,\"date\":\"%d-%02d-%02d\",\"body\":%s}\n",
        json(id), json("Report " d), year, pick(12), pick(28), json(body)
    printf "{\"kind\":\"entity\",\"doc\":%s,\"id\":0,\"name\":%s,\"type\":\"PERSON\",\"aliases\":[%s],\"mentions\":[[%d,%d]]}\n",
        json(id), json(person), json(substr(person, index(person, " ") + 1)), p0, p0 + length(person)
    printf "{\"kind\":\"entity\",\"doc\":%s,\"id\":1,\"name\":%s,\"type\":\"ORG\",\"aliases\":[],\"mentions\":[[%d,%d]]}\n",
        json(id), json(company), o0, o0 + length(company)
    printf "{\"kind\":\"entity\",\"doc\":%s,\"id\":2,\"name\":%s,\"type\":\"EVENT\",\"aliases\":[],\"mentions\":[[%d,%d]]}\n",
        json(id), json(evname), e0, e0 + length(evname)
    printf "{\"kind\":\"fact\",\"doc\":%s,\"relation\":\"attended\",\"subject\":{\"id\":0},\"object\":{\"id\":2},\"evidence\":{\"start\":0,\"end\":%d}}\n",
        json(id), length(head)
    printf "{\"kind\":\"fact\",\"doc\":%s,\"relation\":\"role\",\"subject\":{\"id\":0},\"object\":{\"id\":1},\"title\":\"engineer\",\"evidence\":{\"start\":0,\"end\":%d}}\n",
        json(id), length(head)
}
