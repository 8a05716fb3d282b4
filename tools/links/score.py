#!/usr/bin/env python3
"""Scores nommer's document layer (`evaluate --links`) against a hand-annotated gold file.

The gold is yours: annotate articles in the shape below (offsets in code points into each
article's `text`). The project keeps no gold of corpus texts (their licences are not ours).

usage: score.py GOLD PRED [--entities PRED_ENTITIES] [--articles ARTICLES] [--errors N] [--json OUT]

GOLD   gold.jsonl: {"id", "persons": [{"name", "mentions", "titles", "affiliation",
       "affiliation_alt"?}], "acronyms", "quotes", "entities"} (offsets in code points)
PRED   evaluate --links output, same shape without "entities"
--entities  evaluate --predictions output ({"id", "entities": [{"start","end","label",...}]});
            scores TITLE and DATE (exact span; lenient = overlapping span) against gold entities
--articles  the corpus lines (id, text) to print errors with their sentence (default:
            articles.jsonl beside GOLD)
--errors N  print up to N errors per category (default 0: table only)

Matching rules
- person: a predicted person matches a gold person when their names are equal after folding
  (case, accents, apostrophes, hyphens, spaces) or when a predicted mention overlaps a gold mention.
- person-title pair (person, title span): a predicted pair matches a gold pair when the persons
  match and the title spans overlap; one-to-one, greedy. P/R/F1 over pairs.
- affiliation: over gold persons that have one and were found (best predicted person: same name
  first, else most overlapping mentions). Right when the predicted affiliation equals the gold one
  or one of its `affiliation_alt`: same country code; or organisation names equal after folding,
  one containing the other, or one being the acronym of the other (from the gold acronyms).
- quotes: gold and predicted quotes matched one-to-one by span overlap (largest overlap first).
  Of matched quotes where nommer gives a speaker: right (same person per the person matching, or
  same folded name) or wrong (another speaker, or a speaker where the gold has none). Recall of
  attribution = right / gold quotes with a speaker; also on the subset marked `explicit` (a speech
  cue next to the quote gives the speaker; unmarked gold quotes count as explicit).
- acronyms: a gold acronym is right when nommer lists the same acronym (case-insensitive) with an
  expansion equal after folding, or one containing the other, or with token Jaccard >= 0.8.
"""
import argparse
import json
import os
import re
import sys
import unicodedata

STOP = {'de', 'du', 'des', 'la', 'le', 'les', "l", "d", 'et', 'pour', 'of', 'the', 'and', 'for', 'a', 'au', 'aux'}


def fold(s):
    if s is None:
        return None
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace('’', "'").replace('‘', "'").replace('\u2010', '-').replace('\u2011', '-')
    s = re.sub(r"[-'.,]", ' ', s)
    return ' '.join(s.split())


def toks(s):
    return {t for t in fold(s).split() if t not in STOP}


def overlap(a, b):
    return a['start'] < b['end'] and b['start'] < a['end']


def ov_len(a, b):
    return max(0, min(a['end'], b['end']) - max(a['start'], b['start']))


def prf(tp_p, n_p, tp_g, n_g):
    p = tp_p / n_p if n_p else float('nan')
    r = tp_g / n_g if n_g else float('nan')
    f = 2 * p * r / (p + r) if n_p and n_g and (p + r) else (0.0 if n_p and n_g else float('nan'))
    return p, r, f


def read_jsonl(path):
    out = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            d = json.loads(line)
            if d['id'] in out:
                sys.exit(f'{path}:{n}: duplicate id {d["id"]}')
            out[d['id']] = d
    return out


class DocMatch:
    """Person matching between the gold and the predicted persons of one document."""

    def __init__(self, gold, pred):
        self.gold, self.pred = gold, pred
        gp, pp = gold.get('persons', []), pred.get('persons', [])
        # m[i][j]: (name equal, number of overlapping mention pairs)
        self.m = {}
        for i, g in enumerate(gp):
            for j, p in enumerate(pp):
                eq = fold(g['name']) == fold(p['name'])
                ov = sum(1 for a in g['mentions'] for b in p['mentions'] if overlap(a, b))
                if eq or ov:
                    self.m[i, j] = (eq, ov)

    def matches(self, i, j):
        return (i, j) in self.m

    def best_pred(self, i):
        cands = [(v, j) for (gi, j), v in self.m.items() if gi == i]
        return max(cands)[1] if cands else None

    def pred_names_of(self, i):
        """Folded names of the predicted persons matching gold person i."""
        return {fold(self.pred['persons'][j]['name']) for (gi, j) in self.m if gi == i}

    def gold_of_pred(self, j):
        cands = [(v, i) for (i, pj), v in self.m.items() if pj == j]
        return max(cands)[1] if cands else None


def same_org(a, b, acr):
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb or (len(fa) > 3 and fa in fb) or (len(fb) > 3 and fb in fa):
        return True
    for ac, ex in acr:
        if {fa, fb} <= {ac, ex} or (fa == ac and fb in ex) or (fb == ac and fa in ex):
            return True
    return False


def same_aff(g, p, acr):
    if not g or not p:
        return False
    if 'country' in g and 'country' in p:
        return str(g['country']).upper() == str(p['country']).upper()
    if 'organisation' in g and 'organisation' in p:
        return same_org(g['organisation'], p['organisation'], acr)
    return False


def aff_str(a):
    if not a:
        return 'null'
    return a.get('country') or a.get('organisation') or json.dumps(a, ensure_ascii=False)


def same_expansion(g, p):
    if p is None:
        return False
    fg, fp = fold(g), fold(p)
    if fg == fp or (len(fg) > 4 and fg in fp) or (len(fp) > 4 and fp in fg):
        return True
    tg, tp = toks(g), toks(p)
    return bool(tg | tp) and len(tg & tp) / len(tg | tp) >= 0.8


def sentence(text, start, end, width=110):
    if text is None:
        return ''
    a = max(text.rfind('. ', 0, start) + 2, text.rfind('\n', 0, start) + 1, start - width, 0)
    ends = [x for x in (text.find('. ', end), text.find('\n', end)) if x >= 0]
    b = min(min(ends) + 1 if ends else len(text), end + width)
    s = text[a:start] + '[' + text[start:end] + ']' + text[end:b]
    return ('…' if a > 0 else '') + s.replace('\n', ' ⏎ ') + ('…' if b < len(text) else '')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('gold')
    ap.add_argument('pred')
    ap.add_argument('--entities')
    ap.add_argument('--articles')
    ap.add_argument('--errors', type=int, default=0)
    ap.add_argument('--json')
    a = ap.parse_args()

    gold, pred = read_jsonl(a.gold), read_jsonl(a.pred)
    art_path = a.articles or os.path.join(os.path.dirname(os.path.abspath(a.gold)), 'articles.jsonl')
    texts = {k: v['text'] for k, v in read_jsonl(art_path).items()} if os.path.exists(art_path) else {}
    missing = [i for i in gold if i not in pred]
    if missing:
        print(f'warning: {len(missing)} gold documents have no predicted line: {missing}', file=sys.stderr)

    C = {k: 0 for k in ['pairs_gold', 'pairs_pred', 'pairs_tp_g', 'pairs_tp_p', 'persons_gold', 'persons_found',
                        'persons_pred', 'persons_pred_unmatched', 'ment_gold', 'ment_pred', 'ment_tp',
                        'aff_n', 'aff_right', 'aff_wrong', 'aff_none', 'aff_pred_gold_null',
                        'q_gold', 'q_gold_spk', 'q_found', 'q_pred', 'q_pred_unmatched', 'q_given', 'q_right',
                        'q_wrong', 'q_wrong_goldnull', 'q_missed_attr', 'q_unmatched_with_spk', 'qx_gold', 'qx_right', 'qx_wrong', 'qx_given',
                        'acr_gold', 'acr_right', 'acr_wrong', 'acr_missing', 'acr_def_gold', 'acr_def_right',
                        'acr_def_flag_right', 'acr_pred', 'acr_pred_not_gold']}
    E = {k: [] for k in ['missed_pair', 'spurious_pair', 'missing_person', 'spurious_person', 'aff_wrong', 'aff_none',
                         'quote_wrong', 'quote_missed_attr', 'quote_missed', 'acr_wrong', 'acr_missing',
                         'TITLE_missed', 'TITLE_spurious', 'DATE_missed', 'DATE_spurious']}

    for did, g in gold.items():
        p = pred.get(did, {'persons': [], 'acronyms': [], 'quotes': []})
        T = texts.get(did)
        dm = DocMatch(g, p)
        gp, pp = g['persons'], p.get('persons', [])
        acr = [(fold(x['acronym']), fold(x['expansion'])) for x in g.get('acronyms', [])]
        # persons
        C['persons_gold'] += len(gp)
        C['persons_pred'] += len(pp)
        for i, gper in enumerate(gp):
            if dm.best_pred(i) is not None:
                C['persons_found'] += 1
            else:
                E['missing_person'].append((did, gper['name'], gper['mentions'][0], T, ''))
        for j, pper in enumerate(pp):
            if dm.gold_of_pred(j) is None:
                C['persons_pred_unmatched'] += 1
                E['spurious_person'].append((did, pper['name'], pper['mentions'][0] if pper['mentions'] else None, T, ''))
        gm = {(m['start'], m['end']) for x in gp for m in x['mentions']}
        pm = {(m['start'], m['end']) for x in pp for m in x['mentions']}
        C['ment_gold'] += len(gm); C['ment_pred'] += len(pm); C['ment_tp'] += len(gm & pm)
        # person-title pairs
        gpairs = [(i, t) for i, x in enumerate(gp) for t in x['titles']]
        ppairs = [(j, t) for j, x in enumerate(pp) for t in x.get('titles', [])]
        C['pairs_gold'] += len(gpairs); C['pairs_pred'] += len(ppairs)
        cand = sorted(((ov_len(gt, pt), gi, pi) for gi, (i, gt) in enumerate(gpairs) for pi, (j, pt) in enumerate(ppairs)
                       if dm.matches(i, j) and overlap(gt, pt)), reverse=True)
        used_g, used_p = set(), set()
        for _, gi, pi in cand:
            if gi not in used_g and pi not in used_p:
                used_g.add(gi); used_p.add(pi)
        C['pairs_tp_g'] += len(used_g); C['pairs_tp_p'] += len(used_p)
        for gi, (i, t) in enumerate(gpairs):
            if gi not in used_g:
                # what did nommer do with this title span?
                holders = [pp[j]['name'] for j, pt in ppairs if overlap(pt, t)]
                E['missed_pair'].append((did, f'{gp[i]["name"]} — «{t["text"]}»', t, T,
                                         f'pred: title given to {holders}' if holders else
                                         ('pred: person found, title not linked' if dm.best_pred(i) is not None else 'pred: person not found')))
        for pi, (j, t) in enumerate(ppairs):
            if pi not in used_p:
                gh = [gp[i]['name'] for i, gt in gpairs if overlap(gt, t)]
                E['spurious_pair'].append((did, f'{pp[j]["name"]} — «{t["text"]}»', t, T,
                                           f'gold: title of {gh}' if gh else 'gold: no such person-title pair'))
        # affiliation
        for i, gper in enumerate(gp):
            pred_names = {fold(pp[j]['name']) for (gi, j) in dm.m if gi == i}
            j = dm.best_pred(i)
            if j is None:
                continue
            paff = pp[j].get('affiliation')
            if not gper.get('affiliation'):
                if paff:
                    C['aff_pred_gold_null'] += 1
                continue
            C['aff_n'] += 1
            oks = [gper['affiliation']] + gper.get('affiliation_alt', [])
            if any(same_aff(o, paff, acr) for o in oks):
                C['aff_right'] += 1
            elif paff:
                C['aff_wrong'] += 1
                E['aff_wrong'].append((did, f'{gper["name"]}: gold {aff_str(gper["affiliation"])}, pred {aff_str(paff)}',
                                       gper['mentions'][0], T, ''))
            else:
                C['aff_none'] += 1
                E['aff_none'].append((did, f'{gper["name"]}: gold {aff_str(gper["affiliation"])}, pred null',
                                      gper['mentions'][0], T, ''))
        # quotes
        gq, pq = g.get('quotes', []), p.get('quotes', [])
        C['q_gold'] += len(gq); C['q_pred'] += len(pq)
        C['q_gold_spk'] += sum(1 for q in gq if q['speaker'])
        C['qx_gold'] += sum(1 for q in gq if q['speaker'] and q.get('explicit', True))
        cand = sorted(((ov_len(x, y), gi, pi) for gi, x in enumerate(gq) for pi, y in enumerate(pq) if overlap(x, y)), reverse=True)
        qmap, used_p = {}, set()
        for _, gi, pi in cand:
            if gi not in qmap and pi not in used_p:
                qmap[gi] = pi; used_p.add(pi)
        C['q_found'] += len(qmap)
        C['q_pred_unmatched'] += len(pq) - len(used_p)
        C['q_unmatched_with_spk'] += sum(1 for pi, y in enumerate(pq) if pi not in used_p and y.get('speaker'))
        gname_idx = {fold(x['name']): i for i, x in enumerate(gp)}
        for gi, q in enumerate(gq):
            if gi not in qmap:
                if q['speaker']:
                    C['q_missed_attr'] += 1
                E['quote_missed'].append((did, f'gold speaker {q["speaker"]}', q, T, 'pred: quote not found'))
                continue
            ps = pq[qmap[gi]].get('speaker')
            if not ps:
                if q['speaker']:
                    C['q_missed_attr'] += 1
                    E['quote_missed_attr'].append((did, f'gold {q["speaker"]}, pred none', q, T, ''))
                continue
            C['q_given'] += 1
            gs = q['speaker']
            right = False
            if gs:
                if fold(gs) == fold(ps):
                    right = True
                elif fold(gs) in gname_idx and fold(ps) in dm.pred_names_of(gname_idx[fold(gs)]):
                    right = True
                elif fold(gs) not in gname_idx and same_org(gs, ps, acr):
                    right = True
            x = bool(gs) and q.get('explicit', True)
            C['qx_given'] += x
            if right:
                C['q_right'] += 1
                C['qx_right'] += x
            else:
                C['q_wrong'] += 1
                C['qx_wrong'] += x
                if not gs:
                    C['q_wrong_goldnull'] += 1
                E['quote_wrong'].append((did, f'gold {gs}, pred {ps}', q, T, ''))
        # acronyms
        pa = p.get('acronyms', [])
        C['acr_pred'] += len(pa)
        gac = {fold(x['acronym']) for x in g.get('acronyms', [])}
        C['acr_pred_not_gold'] += sum(1 for x in pa if fold(x['acronym']) not in gac)
        for x in g.get('acronyms', []):
            C['acr_gold'] += 1
            if x['defined_in_text']:
                C['acr_def_gold'] += 1
            hits = [y for y in pa if fold(y['acronym']) == fold(x['acronym'])]
            if not hits:
                C['acr_missing'] += 1
                E['acr_missing'].append((did, f'{x["acronym"]} = {x["expansion"]} (defined: {x["defined_in_text"]})', None, T, ''))
                continue
            ok = [y for y in hits if same_expansion(x['expansion'], y.get('expansion'))]
            if ok:
                C['acr_right'] += 1
                if x['defined_in_text']:
                    C['acr_def_right'] += 1
                if bool(ok[0].get('defined_in_text')) == bool(x['defined_in_text']):
                    C['acr_def_flag_right'] += 1
            else:
                C['acr_wrong'] += 1
                E['acr_wrong'].append((did, f'{x["acronym"]}: gold «{x["expansion"]}», pred «{hits[0].get("expansion")}»', None, T, ''))

    # entities
    ent = {}
    if a.entities:
        pe = read_jsonl(a.entities)
        for lab in ['TITLE', 'DATE']:
            ng = npd = tp = lg = lp = 0
            for did, g in gold.items():
                T = texts.get(did)
                ge = [e for e in g.get('entities', []) if e['label'] == lab]
                pr = [e for e in pe.get(did, {}).get('entities', []) if e['label'] == lab]
                gs_, ps_ = {(e['start'], e['end']) for e in ge}, {(e['start'], e['end']) for e in pr}
                ng += len(gs_); npd += len(ps_); tp += len(gs_ & ps_)
                lg += sum(1 for e in ge if any(overlap(e, f) for f in pr))
                lp += sum(1 for f in pr if any(overlap(e, f) for e in ge))
                for e in ge:
                    if (e['start'], e['end']) not in ps_:
                        near = [f['text'] if 'text' in f else (T or '')[f['start']:f['end']] for f in pr if overlap(e, f)]
                        E[f'{lab}_missed'].append((did, f'«{e["text"]}»', e, T, f'pred overlapping: {near}' if near else 'no overlapping prediction'))
                for f in pr:
                    if (f['start'], f['end']) not in gs_:
                        near = [e['text'] for e in ge if overlap(e, f)]
                        txt = f.get('text') or (T or '')[f['start']:f['end']]
                        E[f'{lab}_spurious'].append((did, f'«{txt}»', f, T, f'gold overlapping: {near}' if near else 'no gold'))
            ent[lab] = {'gold': ng, 'pred': npd, 'tp': tp, 'exact': prf(tp, npd, tp, ng), 'lenient': prf(lp, npd, lg, ng)}

    # table
    def pct(x):
        return '  n/a' if x != x else f'{x:5.2f}'

    rows = []
    P, R, F = prf(C['pairs_tp_p'], C['pairs_pred'], C['pairs_tp_g'], C['pairs_gold'])
    rows.append(('person–title pairs', f'P {pct(P)}  R {pct(R)}  F1 {pct(F)}', f'gold {C["pairs_gold"]}, pred {C["pairs_pred"]}, matched {C["pairs_tp_g"]}', 'F1 ≥ 0.80', F >= 0.80))
    acc = C['aff_right'] / C['aff_n'] if C['aff_n'] else float('nan')
    rows.append(('affiliation accuracy', f'{pct(acc)}', f'{C["aff_right"]}/{C["aff_n"]} right, {C["aff_wrong"]} wrong, {C["aff_none"]} none (found gold persons with an affiliation); {C["aff_pred_gold_null"]} given where gold has none', '≥ 0.80', acc >= 0.80))
    qr = C['q_right'] / C['q_given'] if C['q_given'] else float('nan')
    qw = C['q_wrong'] / C['q_given'] if C['q_given'] else float('nan')
    qrec = C['q_right'] / C['q_gold_spk'] if C['q_gold_spk'] else float('nan')
    rows.append(('quote speakers right / given', f'{pct(qr)}', f'{C["q_right"]} right, {C["q_wrong"]} wrong (of which {C["q_wrong_goldnull"]} where gold has no speaker) of {C["q_given"]} given on matched quotes', '—', None))
    rows.append(('quote speakers wrong / given', f'{pct(qw)}', '', '≤ 0.10', qw <= 0.10))
    rows.append(('quote speakers right / attributed', f'{pct(qrec)}', f'{C["q_right"]}/{C["q_gold_spk"]} gold quotes with a speaker; {C["q_missed_attr"]} missed attributions (quote not found or no speaker)', '≥ 0.80', qrec >= 0.80))
    qxr = C['qx_right'] / C['qx_gold'] if C['qx_gold'] else float('nan')
    rows.append(('  … explicit-cue quotes only', f'{pct(qxr)}', f'{C["qx_right"]}/{C["qx_gold"]} gold quotes whose speaker a cue next to them gives (a-t-il dit, déclare X, selon X…); {C["qx_wrong"]} wrong of {C["qx_given"]} given', '(info)', None))
    qP, qR, qF = prf(C['q_found'], C['q_pred'], C['q_found'], C['q_gold'])
    rows.append(('quote spans (overlap)', f'P {pct(qP)}  R {pct(qR)}  F1 {pct(qF)}', f'gold {C["q_gold"]}, pred {C["q_pred"]}, matched {C["q_found"]}; {C["q_unmatched_with_spk"]} unmatched pred quotes carry a speaker', '—', None))
    ar = C['acr_right'] / C['acr_gold'] if C['acr_gold'] else float('nan')
    rows.append(('acronym expansions right', f'{pct(ar)}', f'{C["acr_right"]}/{C["acr_gold"]} ({C["acr_wrong"]} wrong, {C["acr_missing"]} missing); defined in text {C["acr_def_right"]}/{C["acr_def_gold"]}; flag right {C["acr_def_flag_right"]}/{C["acr_right"]}; {C["acr_pred_not_gold"]} pred not in gold', '≥ 0.90', ar >= 0.90))
    for lab, tgt in [('TITLE', 0.80), ('DATE', 0.85)]:
        if lab in ent:
            e = ent[lab]; (p_, r_, f_), (lp_, lr_, lf_) = e['exact'], e['lenient']
            rows.append((f'{lab} entities (exact)', f'P {pct(p_)}  R {pct(r_)}  F1 {pct(f_)}', f'gold {e["gold"]}, pred {e["pred"]}, tp {e["tp"]}; lenient P {pct(lp_)} R {pct(lr_)} F1 {pct(lf_)}', f'F1 ≥ {tgt:.2f}', f_ >= tgt))
    pf = C['persons_found'] / C['persons_gold'] if C['persons_gold'] else float('nan')
    mP, mR, mF = prf(C['ment_tp'], C['ment_pred'], C['ment_tp'], C['ment_gold'])
    rows.append(('persons found (info)', f'{pct(pf)}', f'{C["persons_found"]}/{C["persons_gold"]} gold persons matched; {C["persons_pred_unmatched"]}/{C["persons_pred"]} pred persons match no gold person', '—', None))
    rows.append(('person mentions exact (info)', f'P {pct(mP)}  R {pct(mR)}  F1 {pct(mF)}', f'gold {C["ment_gold"]}, pred {C["ment_pred"]}', '—', None))

    print(f'documents: {len(gold)} gold, {len(pred)} predicted lines\n')
    w0 = max(len(r[0]) for r in rows); w1 = max(len(r[1]) for r in rows); w3 = max(len(r[3]) for r in rows)
    print(f'{"measure":<{w0}}  {"figure":<{w1}}  {"target":<{w3}}  met  detail')
    for name, fig, det, tgt, ok in rows:
        m = '—' if ok is None else ('yes' if ok else 'NO')
        print(f'{name:<{w0}}  {fig:<{w1}}  {tgt:<{w3}}  {m:<3}  {det}')

    if a.errors:
        for cat, lst in E.items():
            if not lst:
                continue
            print(f'\n## {cat} ({len(lst)})')
            for did, what, span, T, note in lst[:a.errors]:
                ctx = sentence(T, span['start'], span['end']) if span and T else ''
                print(f'- {did}: {what}' + (f'  [{note}]' if note else ''))
                if ctx:
                    print(f'    {ctx}')
    if a.json:
        with open(a.json, 'w') as f:
            json.dump({'counts': C, 'entities': ent}, f, ensure_ascii=False, indent=1)


if __name__ == '__main__':
    main()
