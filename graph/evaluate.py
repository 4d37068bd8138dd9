"""Precision, recall and F1 of a graph against gold answer keys (YAML, see tests/gold/GUIDELINES.md).

The matching rules are those of the gold scorer the answer keys come with: the graph is read through
the public vocabulary only (rc:, rdfs:, skos:), entities are matched by any of their labels, and each
fact family by the roles that identify it. ``rckg evaluate`` prints the table and the misses (FN) and
false facts (FP), the work list of anyone who annotates new posts to measure the tool.
"""
# ruff: noqa
# The body below keeps the scorer's own code unchanged, so that scores agree with it to the digit.

import glob, json, os, re, sys, unicodedata
from collections import defaultdict

import yaml
import rdflib

RC = "https://w3id.org/rckg/ontology#"
PFX = f"""PREFIX rc: <{RC}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
STOP = set("de la le les du des d l et en au aux a à un une pour par sur the of".split())
ORG_TYPES = ["Company", "Association", "PublicBody", "Media", "School", "Organization"]


def norm(s):
    if s is None:
        return ""
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("’", "'").replace("œ", "oe")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(s.split())


def key(s):
    """Identity key of a name: normalized, spaces dropped ("Bearing Point" = "BearingPoint")."""
    return norm(s).replace(" ", "")


def toks(s):
    return [t for t in norm(s).split() if t not in STOP]


def covers(gold, system, need=0.6):
    """Share of the gold name's content tokens found in the system text (and vice versa for short ones)."""
    g, s = set(toks(gold)), set(toks(system))
    if not g or not s:
        return False
    if norm(gold) == norm(system):
        return True
    return len(g & s) / len(g) >= need and len(g & s) / len(s) >= need / 2


class UF:
    def __init__(self):
        self.p = {}

    def find(self, x):
        self.p.setdefault(x, x)
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a, b):
        self.p[self.find(a)] = self.find(b)


class Gold:
    def __init__(self, paths):
        self.docs = [yaml.safe_load(open(p, encoding="utf-8")) for p in paths]
        uf = UF()
        self.types = {}
        for d in self.docs:
            for e in d.get("entities") or []:
                names = [e["name"]] + list(e.get("aliases") or [])
                keys = [key(n) for n in names if key(n)]
                for k in keys[1:]:
                    uf.union(k, keys[0])
                self.types.setdefault(key(e["name"]), e.get("type"))
        self.uf = uf
        self.canon = {}  # root -> display name
        for d in self.docs:
            for e in d.get("entities") or []:
                r = uf.find(key(e["name"]))
                self.canon.setdefault(r, e["name"])
        self.etype = {}
        for d in self.docs:
            for e in d.get("entities") or []:
                self.etype.setdefault(uf.find(key(e["name"])), e.get("type"))

    def eid(self, name):
        k = key(name)
        if not k:
            return None
        if k in self.uf.p:
            return self.uf.find(k)
        return None

    def rows(self, key):
        for d in self.docs:
            for r in d.get(key) or []:
                yield r


def load_graph(graphs, ontology_dir):
    g = rdflib.Graph()
    for p in graphs:
        fmt = rdflib.util.guess_format(p) or "turtle"
        if fmt in ("trig", "nquads"):
            ds = rdflib.Dataset()
            ds.parse(p, format=fmt)
            for s, pr, o, _ in ds.quads((None, None, None, None)):
                g.add((s, pr, o))
        else:
            g.parse(p, format=fmt)
    if ontology_dir and os.path.isdir(ontology_dir):
        for p in sorted(glob.glob(os.path.join(ontology_dir, "*.ttl"))):
            try:
                g.parse(p, format="turtle")
            except Exception as ex:  # a broken ontology file must not hide the data
                print(f"warning: ontology {p}: {ex}", file=sys.stderr)
    return g


def q(g, body):
    return list(g.query(PFX + body))


class System:
    def __init__(self, g, gold):
        self.g, self.gold = g, gold
        self.labels = defaultdict(set)
        for s, l in q(g, "SELECT ?s ?l WHERE { { ?s rdfs:label ?l } UNION { ?s skos:altLabel ?l } UNION { ?s rc:acronym ?l } }"):
            self.labels[s].add(str(l))
        self.types = defaultdict(set)
        for s, t in q(g, "SELECT ?s ?t WHERE { ?s a ?c . ?c rdfs:subClassOf* ?t . FILTER(STRSTARTS(STR(?t), STR(rc:))) }"):
            self.types[s].add(str(t)[len(RC):])
        for s, t in q(g, "SELECT ?s ?t WHERE { ?s a ?t . FILTER(STRSTARTS(STR(?t), STR(rc:))) }"):
            self.types[s].add(str(t)[len(RC):])

    def name(self, node):
        ls = sorted(self.labels.get(node, ()))
        return ls[0] if ls else (str(node) if isinstance(node, rdflib.Literal) else str(node).rsplit("/", 1)[-1])

    def eid(self, node):
        """Gold entity id for a graph node (or a literal), else a private key."""
        cands = self.labels.get(node, set()) | ({str(node)} if isinstance(node, rdflib.Literal) else set())
        for l in sorted(cands):
            e = self.gold.eid(l)
            if e:
                return e
        return "sys:" + norm(self.name(node))


def prf(tp_sys, n_sys, tp_gold, n_gold):
    p = tp_sys / n_sys if n_sys else (1.0 if not n_gold else 0.0)
    r = tp_gold / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold, sysg, show):
    out, errors = {}, defaultdict(list)

    # --- entities: persons and organizations
    gold_ents = {}
    for r in gold.rows("entities"):
        gold_ents[gold.eid(r["name"])] = r.get("type")
    sys_ents = {}
    for node, ts in sysg.types.items():
        kind = "Person" if "Person" in ts else ("Org" if set(ORG_TYPES) & ts else None)
        if kind and isinstance(node, (rdflib.URIRef, rdflib.BNode)):
            sys_ents[node] = kind
    matched_gold, tp_sys = set(), 0
    type_ok = type_n = 0
    for node, kind in sys_ents.items():
        e = sysg.eid(node)
        if e in gold_ents:
            gk = "Person" if gold_ents[e] == "Person" else "Org"
            if gk == kind:
                tp_sys += 1
                matched_gold.add(e)
                if kind == "Org":
                    type_n += 1
                    st = [t for t in ORG_TYPES if t in sysg.types[node] and t != "Organization"] or ["Organization"]
                    type_ok += gold_ents[e] in st
                continue
        errors["entities"].append(f"FP {kind}: {sysg.name(node)}")
    for e, t in gold_ents.items():
        if e not in matched_gold:
            errors["entities"].append(f"FN {t}: {gold.canon.get(e, e)}")
    out["entities"] = (len(gold_ents), len(sys_ents), tp_sys, len(matched_gold))
    out["org_subtype_accuracy"] = type_ok / type_n if type_n else 0.0

    def family(name, gold_keys, sys_keys, match):
        """gold_keys/sys_keys: lists of (key, display). match(gk, sk) -> bool."""
        used, tp_gold = set(), 0
        for gk, gd in gold_keys:
            hit = [i for i, (sk, _) in enumerate(sys_keys) if match(gk, sk)]
            if hit:
                tp_gold += 1
                used.update(hit)
            else:
                errors[name].append(f"FN {gd}")
        for i, (sk, sd) in enumerate(sys_keys):
            if i not in used:
                errors[name].append(f"FP {sd}")
        out[name] = (len(gold_keys), len(sys_keys), len(used), tp_gold)

    ge = gold.eid
    se = sysg.eid

    # positions: (person, org)
    gk = [((ge(r["person"]), ge(r["org"])), f"{r['person']} | {r.get('title')} | {r['org']}") for r in gold.rows("positions") if r.get("org")]
    sk = [((se(p), se(o)), f"{sysg.name(p)} | {t} | {sysg.name(o)}")
          for p, o, t in q(sysg.g, "SELECT ?p ?o ?t WHERE { ?x a/rdfs:subClassOf* rc:Position ; rc:holder ?p ; rc:organization ?o . OPTIONAL { ?x rc:title ?t } }")]
    family("positions", dedup(gk), dedup(sk), lambda a, b: a == b)

    # awards: recipient + award name (award label, category and event label all count as award text)
    gk = [((ge(r["recipient"]), r["award"]), f"{r['recipient']} <- {r['award']} ({r.get('year')})") for r in gold.rows("awards")]
    sk = []
    for x, rec, alab, cat, elab, yr in q(sysg.g, """SELECT ?x ?r ?al ?cat ?el ?y WHERE { ?x a/rdfs:subClassOf* rc:AwardConferral ; rc:recipient ?r ; rc:award ?a .
            OPTIONAL { ?a rdfs:label ?al } OPTIONAL { ?x rc:category ?cat } OPTIONAL { ?x rc:event ?e . ?e rdfs:label ?el } OPTIONAL { ?x rc:year ?y } }"""):
        text = " ".join(str(v) for v in (alab, cat, elab, yr) if v is not None)
        sk.append(((se(rec), text), f"{sysg.name(rec)} <- {text}"))
    family("awards", dedup(gk), dedup(sk), lambda a, b: a[0] == b[0] and covers(a[1], b[1], 0.6))

    # events: label (or alias) match
    gk = [((r["name"], list(r.get("aliases") or []), str(r.get("date") or "")), f"{r['name']} [{r.get('date')}]") for r in gold.rows("events")]
    sk = []
    for x, lab, d in q(sysg.g, "SELECT ?x ?l ?d WHERE { ?x a/rdfs:subClassOf* rc:Event ; rdfs:label ?l . OPTIONAL { ?x rc:startDate ?d } }"):
        labs = sysg.labels.get(x, {str(lab)})
        sk.append(((x, sorted(labs), str(d or "")), f"{sorted(labs)[0]} [{d}]"))
    sk = dedup_by(sk, lambda k: k[0])

    def ev_match(a, b):
        names = [a[0]] + a[1]
        if any(covers(n, l, 0.7) for n in names for l in b[1]):
            return True
        return len(a[2]) == 10 and a[2] == b[2][:10]
    family("events", gk, sk, ev_match)

    # speakers and hosts: (event, person)
    for fam, prop, key in (("speakers", "rc:speaker", "speakers"), ("hosts", "rc:host", "hosts")):
        gk = [(((r["name"], list(r.get("aliases") or []), str(r.get("date") or "")), ge(p)), f"{r['name']} :: {p}")
              for r in gold.rows("events") for p in (r.get(key) or [])]
        sk = []
        for x, p in q(sysg.g, f"SELECT ?x ?p WHERE {{ ?x ?pr ?p . ?pr rdfs:subPropertyOf* {prop} }}"):
            labs = sorted(sysg.labels.get(x, {sysg.name(x)}))
            d = next(iter(sysg.g.objects(x, rdflib.URIRef(RC + "startDate"))), "")
            sk.append((((x, labs, str(d)), se(p)), f"{labs[0]} :: {sysg.name(p)}"))
        family(fam, gk, sk, lambda a, b: a[1] == b[1] and ev_match(a[0], b[0]))

    # organizers: (event, org)
    gk = [(((r["name"], list(r.get("aliases") or []), str(r.get("date") or "")), ge(o)), f"{r['name']} :: {o}")
          for r in gold.rows("events") for o in (r.get("organizers") or [])]
    sk = []
    for x, o in q(sysg.g, "SELECT ?x ?o WHERE { ?x ?pr ?o . ?pr rdfs:subPropertyOf* rc:organizer }"):
        labs = sorted(sysg.labels.get(x, {sysg.name(x)}))
        d = next(iter(sysg.g.objects(x, rdflib.URIRef(RC + "startDate"))), "")
        sk.append((((x, labs, str(d)), se(o)), f"{labs[0]} :: {sysg.name(o)}"))
    family("organizers", gk, sk, lambda a, b: a[1] == b[1] and ev_match(a[0], b[0]))

    # org links: (child, parent)
    gk = [((ge(r["child"]), ge(r["parent"])), f"{r['child']} -> {r['parent']} ({r.get('kind')})") for r in gold.rows("org_links")]
    sk = [((se(c), se(p)), f"{sysg.name(c)} -> {sysg.name(p)}") for c, p in q(sysg.g, "SELECT ?c ?p WHERE { ?c ?pr ?p . ?pr rdfs:subPropertyOf* rc:parentOrganization }")]
    family("org_links", dedup(gk), dedup(sk), lambda a, b: a == b)

    # works: title match; authors counted separately
    gk = [(r["title"], f"{r['title']} ({r.get('kind')})") for r in gold.rows("works")]
    sk = []
    for x, lab in q(sysg.g, "SELECT ?x ?l WHERE { ?x a/rdfs:subClassOf* rc:Work ; rdfs:label ?l }"):
        sk.append((str(lab), str(lab)))
    family("works", dedup(gk), dedup(sk), lambda a, b: covers(a, b, 0.7))
    gk = [((r["title"], ge(a)), f"{r['title']} by {a}") for r in gold.rows("works") for a in (r.get("authors") or [])]
    sk = [((str(l), se(a)), f"{l} by {sysg.name(a)}") for l, a in q(sysg.g, "SELECT ?l ?a WHERE { ?x ?pr ?a ; rdfs:label ?l . ?pr rdfs:subPropertyOf* rc:author }")]
    family("authorship", dedup(gk), dedup(sk), lambda a, b: a[1] == b[1] and covers(a[0], b[0], 0.7))

    # interviews: interviewee
    gk = [(ge(r["interviewee"]), r["interviewee"]) for r in gold.rows("interviews")]
    sk = [(se(p), sysg.name(p)) for (p,) in q(sysg.g, "SELECT ?p WHERE { ?x a/rdfs:subClassOf* rc:Interview ; rc:interviewee ?p }")]
    family("interviews", dedup(gk), dedup(sk), lambda a, b: a == b)

    return out, errors


def dedup(pairs):
    seen, res = set(), []
    for k, d in pairs:
        kk = json.dumps(k, default=str, sort_keys=True)
        if kk not in seen:
            seen.add(kk)
            res.append((k, d))
    return res


def dedup_by(pairs, f):
    seen, res = set(), []
    for k, d in pairs:
        if f(k) not in seen:
            seen.add(f(k))
            res.append((k, d))
    return res


FACT_FAMILIES = ["positions", "awards", "events", "speakers", "hosts", "organizers", "org_links", "works", "authorship", "interviews"]




def evaluate(gold_paths, graph_paths, ontology_dir=None):
    """Scores per family (gold, system, matched, P, R, F1), the overall figures, and the error lists."""
    gold = Gold(gold_paths)
    sysg = System(load_graph(graph_paths, ontology_dir), gold)
    out, errors = score(gold, sysg, 0)
    results, sums = {}, [0, 0, 0, 0]
    for fam in ["entities"] + FACT_FAMILIES:
        ng, ns, tps, tpg = out[fam]
        p, r, f = prf(tps, ns, tpg, ng)
        results[fam] = dict(gold=ng, system=ns, tp_system=tps, tp_gold=tpg, P=round(p, 3), R=round(r, 3), F1=round(f, 3))
        if fam != "entities":
            for i, v in enumerate((ng, ns, tps, tpg)):
                sums[i] += v
    p, r, f = prf(sums[2], sums[1], sums[3], sums[0])
    results["overall"] = dict(P=round(p, 3), R=round(r, 3), F1=round(f, 3), entity_F1=results["entities"]["F1"],
                              org_subtype_accuracy=round(out["org_subtype_accuracy"], 3))
    return results, {k: list(v) for k, v in errors.items()}


def format_report(results, errors, show_errors=0):
    """The score table, with up to ``show_errors`` misses and false facts under each family."""
    lines = [f"{'family':<14}{'gold':>6}{'sys':>6}{'tpS':>6}{'tpG':>6}{'P':>7}{'R':>7}{'F1':>7}"]
    for fam in ["entities"] + FACT_FAMILIES:
        r = results[fam]
        lines.append(f"{fam:<14}{r['gold']:>6}{r['system']:>6}{r['tp_system']:>6}{r['tp_gold']:>6}{r['P']:>7.3f}{r['R']:>7.3f}{r['F1']:>7.3f}")
        lines.extend("    " + e for e in errors.get(fam, [])[:show_errors])
    o = results["overall"]
    lines.append(f"org subtype accuracy {o['org_subtype_accuracy']:.3f}")
    lines.append(f"overall fact P={o['P']:.3f} R={o['R']:.3f} F1={o['F1']:.3f} entity F1={o['entity_F1']:.3f}")
    return "\n".join(lines)
