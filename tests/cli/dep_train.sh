#!/bin/sh
# dep_train.sh - `train dep` options on a tiny treebank written for this
# test: POS fold models (scripts/jackknife-pos.sh, --fold-models), Brown
# clusters (--clusters) and label groups (--groups); `eval dep --write`
# writes one parsed line per word, with the heads and labels it scored.
NG=${NG:-build/newsgraph}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# id form upos xpos head deprel, one sentence per line
cat >"$tmp/s.txt" <<'EOT'
1 The DET DT 2 det|2 council NOUN NN 3 nsubj|3 approved VERB VBD 0 root|4 the DET DT 5 det|5 budget NOUN NN 3 obj|6 . PUNCT . 3 punct
1 She PRON PRP 2 nsubj|2 said VERB VBD 0 root|3 the DET DT 4 det|4 mayor NOUN NN 6 nsubj|5 would AUX MD 6 aux|6 resign VERB VB 2 ccomp|7 . PUNCT . 2 punct
1 The DET DT 2 det|2 bridge NOUN NN 4 nsubj:pass|3 was AUX VBD 4 aux:pass|4 closed VERB VBN 0 root|5 on ADP IN 6 case|6 Monday PROPN NNP 4 obl|7 . PUNCT . 4 punct
1 Police NOUN NNS 2 nsubj|2 arrested VERB VBD 0 root|3 two NUM CD 4 nummod|4 men NOUN NNS 2 obj|5 in ADP IN 6 case|6 Lyon PROPN NNP 2 obl|7 . PUNCT . 2 punct
1 The DET DT 2 det|2 firm NOUN NN 3 nsubj|3 hired VERB VBD 0 root|4 new ADJ JJ 5 amod|5 staff NOUN NN 3 obj|6 and CCONJ CC 7 cc|7 expanded VERB VBD 3 conj|8 . PUNCT . 3 punct
1 Voters NOUN NNS 2 nsubj|2 rejected VERB VBD 0 root|3 the DET DT 4 det|4 plan NOUN NN 2 obj|5 on ADP IN 6 case|6 Sunday PROPN NNP 2 obl|7 . PUNCT . 2 punct
EOT
awk '{ n = split($0, w, "|"); for (i = 1; i <= n; i++) { split(w[i], f, " ");
       printf "%s\t%s\t_\t%s\t%s\t_\t%s\t%s\t_\t_\n", f[1], f[2], f[3], f[4], f[5], f[6] } print "" }' \
    "$tmp/s.txt" >"$tmp/t.conllu"
printf '0010\tthe\t40\n110\tcouncil\t3\n110\tmayor\t3\n111\tbudget\t2\n0110\tsaid\t5\n0111\tapproved\t2\n' \
    >"$tmp/clusters.txt"
export NEWSGRAPH_NO_PROGRESS=1
NG=$NG sh scripts/jackknife-pos.sh 2 "$tmp/t.conllu" "$tmp/folds" --epochs 2 >"$tmp/folds.txt" || exit 1
folds=$(cat "$tmp/folds.txt")
[ "$(echo "$folds" | tr ',' '\n' | wc -l)" -eq 2 ] || { echo "fold models: $folds"; exit 1; }
"$NG" train pos --train "$tmp/t.conllu" -o "$tmp/pos.model" --epochs 2 >/dev/null || exit 1
for g in none coarse universal full; do
    "$NG" train dep --train "$tmp/t.conllu" -o "$tmp/dep.$g.model" --epochs 8 --groups "$g" \
        --clusters "$tmp/clusters.txt" --pos-model "$tmp/pos.model" --fold-models "$folds" >"$tmp/log" 2>&1 ||
        { cat "$tmp/log"; exit 1; }
    "$NG" model info "$tmp/dep.$g.model" | grep -q '^  clusters=5$' || { echo "$g: no clusters in the model"; exit 1; }
    out=$("$NG" eval dep --model "$tmp/dep.$g.model" --gold-tags --test "$tmp/t.conllu" \
        --write "$tmp/out.$g.conllu") || { echo "$out"; exit 1; }
    # The written heads and labels give the UAS and LAS eval printed (LAS on
    # the labels' universal part).
    got=$(paste "$tmp/t.conllu" "$tmp/out.$g.conllu" | awk -F'\t' 'NF == 20 { n++; u += $7 == $17;
          sub(/:.*/, "", $8); sub(/:.*/, "", $18); l += $7 == $17 && $8 == $18 }
          END { printf "UAS=%.4f LAS=%.4f", u / n, l / n }')
    want=$(echo "$out" | tail -1 | sed 's/^dep: //')
    [ "$got" = "$want" ] || { echo "$g: eval says $want, the written file $got"; exit 1; }
    echo "FIGURE dep_train $g: training data $want"
done
"$NG" train dep --train "$tmp/t.conllu" -o "$tmp/x.model" --groups some >/dev/null 2>&1 &&
    { echo "--groups some accepted"; exit 1; }
"$NG" train dep --train "$tmp/t.conllu" -o "$tmp/x.model" --fold-models "$folds" >/dev/null 2>&1 &&
    { echo "--fold-models without --pos-model accepted"; exit 1; }
exit 0
