#!/usr/bin/env python3
"""verificar.py - recomputes a SERUMS merit order, sorteo and adjudication from
the published files alone (no server code; python3's standard library only).

    python3 tests/verify/verificar.py DIR

DIR holds the published JSON files, as downloaded:
  - the SORTEO publication (GET /v1/convocatorias/{id}/publicaciones/SORTEO/versiones/{n}.json:
    one row per drawn id with its sorteo's inputs), or one sorteo as GET /v1/sorteos/{id} answers it
  - the ORDEN_MERITO publication (GET .../publicaciones/ORDEN_MERITO/versiones/{n}.json or its
    static copy /publicaciones/{id}/ORDEN_MERITO/v{n}.json): flat rows with the policy in force
  - session logs (GET /v1/adjudicaciones/{sesion}/eventos) {"sesion": {...}, "orden": [...], ...}
  - ADJUDICADOS_* and ANULACIONES publications (optional)
Prints one line per check and exits 0 when every check holds, 1 otherwise.
The rules recomputed are those of design/orden-adjudicacion.md; this file is
written independently of the C domain library on purpose."""
import decimal
import functools
import glob
import hashlib
import hmac
import json
import os
import sys

D = decimal.Decimal
decimal.getcontext().prec = 60
fallas = []


def check(ok, msg):
    print(("ok     " if ok else "FALLA  ") + msg)
    if not ok:
        fallas.append(msg)
    return ok


def sha256_hex(b):
    return hashlib.sha256(b).hexdigest()


# ---------------------------------------------------------------- sorteo
def verificar_sorteo(pub):
    claves = {}
    for s in pub["sorteos"]:
        sid = s["id"]
        items = [it for it in pub["items"] if it["sorteo_id"] == sid]
        ids = sorted(it["inscripcion_id"] for it in items)
        pool = "".join("%d\n" % i for i in ids)
        check(pool == s["pool"], "sorteo %s: el pool publicado son los ids ordenados, uno por línea" % sid)
        check(sha256_hex(pool.encode()) == s["h_pool"], "sorteo %s: H_pool = SHA-256(pool)" % sid)
        check(sha256_hex(bytes.fromhex(s["secreto"])) == s["compromiso"], "sorteo %s: SHA-256(s) = C" % sid)
        si = "SERUMS-SORTEO-v1\n%s\n%s\n%s\n%s\n%s\n%s\n" % (
            pub["convocatoria"], s["modalidad"], s["profesion"], s["h_pool"], s["beacon"]["valor"], s["secreto"])
        check(si == s["seed_input"], "sorteo %s: seed_input" % sid)
        seed = hashlib.sha256(si.encode()).digest()
        check(seed.hex() == s["seed"], "sorteo %s: seed = SHA-256(seed_input)" % sid)
        k = {i: hmac.new(seed, str(i).encode(), hashlib.sha256).hexdigest() for i in ids}
        orden = sorted(ids, key=lambda i: (k[i], i))
        pub_orden = [it["inscripcion_id"] for it in sorted(items, key=lambda it: it["posicion"])]
        check(all(it["clave"] == k[it["inscripcion_id"]] for it in items), "sorteo %s: clave(id) = HMAC-SHA256(seed, id)" % sid)
        check(orden == pub_orden and [it["posicion"] for it in sorted(items, key=lambda it: it["posicion"])] == list(range(1, len(ids) + 1)),
              "sorteo %s: posiciones por clave y luego id (%d)" % (sid, len(ids)))
        claves[sid] = k
    return claves


# ---------------------------------------------------------------- merit order
# The ORDEN_MERITO list is flat: one row per inscription with modalidad, profesion,
# n_adjudicacion, n, desempate, inscripcion_id, modo, puntaje_final, eleccion_nota,
# nota_evaluacion_serums, nota_enam, nota_ppp, sorteo_id and politica (the policy in
# force, its canonical JSON). Everything below is recomputed from those columns.
EXAMENES = ("EVALUACION_SERUMS", "ENAM")


def redondear(x, escala):
    return x.quantize(D(1).scaleb(-escala), rounding=decimal.ROUND_HALF_UP)


def nota_de(item, fuente):
    v = item.get("nota_" + fuente.lower())
    return None if v is None else D(v)


def puntajes_posibles(pol, item):
    """puntaje_final = half-up(Σ peso × nota × Π factor of the bonuses that hold); the
    bonus conditions are health data and never published, so every combination counts."""
    suma = D(0)
    for c in pol["componentes"]:
        f = c["fuente"]
        if pol.get("eleccion_nota") == "POSTULANTE_ELIGE" and f in EXAMENES and item.get("eleccion_nota") in EXAMENES:
            f = item["eleccion_nota"]
        n = nota_de(item, f)
        if n is None:
            return set()
        suma += D(c["peso"]) * n
    out = set()
    factores = [D(b["factor"]) for b in pol.get("bonos", [])]
    for mask in range(1 << len(factores)):
        v = suma
        for j, f in enumerate(factores):
            if mask >> j & 1:
                v *= f
        out.add(str(redondear(v, pol["escala"])))
    return out


def niveles(pol, claves, a, b):
    """compares a and b level by level (puntaje desc, each desempate criterion,
    lottery key asc, id): yields (level, <0 | 0 | >0)."""
    yield 0, -(D(a["puntaje_final"]) > D(b["puntaje_final"])) + (D(a["puntaje_final"]) < D(b["puntaje_final"]))
    for j, crit in enumerate(pol.get("desempate", [])):
        fuente, sentido = crit.split(" ")
        x, y = nota_de(a, fuente[5:]), nota_de(b, fuente[5:])
        if (x is None) != (y is None):
            yield j + 1, -1 if x is not None else 1    # a missing value goes after
        elif x is None:
            yield j + 1, 0
        else:
            c = (x > y) - (x < y)
            yield j + 1, -c if sentido == "desc" else c
    ka = claves.get(a.get("sorteo_id"), {}).get(a["inscripcion_id"])
    kb = claves.get(b.get("sorteo_id"), {}).get(b["inscripcion_id"])
    n = len(pol.get("desempate", []))
    yield n + 1, 0 if ka is None or kb is None else (ka > kb) - (ka < kb)
    yield n + 2, (a["inscripcion_id"] > b["inscripcion_id"]) - (a["inscripcion_id"] < b["inscripcion_id"])


def difiere(pol, claves, a, b):
    for lvl, c in niveles(pol, claves, a, b):
        if c:
            return lvl, c
    return len(pol.get("desempate", [])) + 2, 0


def nombre_nivel(pol, lvl):
    nombres = [None] + [c.split(" ")[0] for c in pol.get("desempate", [])] + ["SORTEO", "SIN_SORTEO"]
    return nombres[lvl]


def verificar_orden(pub, claves):
    grupos = {}
    for it in pub["items"]:
        grupos.setdefault((it["modalidad"], it["profesion"]), []).append(it)
    ordenes = {}
    for (mod, prof), items in sorted(grupos.items()):
        nombre = "%s %s" % (mod, prof)
        check(len({it["politica"] for it in items}) == 1, "orden %s: una sola política publicada" % nombre)
        pol = json.loads(items[0]["politica"])
        modo = pol.get("modo_adjudicacion", "MERITO")
        check(all(it["modo"] == modo for it in items), "orden %s: modo %s" % (nombre, modo))
        if modo == "SORTEO":
            k = [claves.get(it["sorteo_id"], {}).get(it["inscripcion_id"]) for it in items]
            if not check(all(x is not None for x in k), "orden %s: cada fila tiene su clave en el SORTEO publicado" % nombre):
                continue
            orden = sorted(items, key=lambda it: (claves[it["sorteo_id"]][it["inscripcion_id"]], it["inscripcion_id"]))
            check(all(it["n_adjudicacion"] == i + 1 and it["n"] == i + 1 and it["desempate"] == "SORTEO"
                      for i, it in enumerate(orden)),
                  "orden %s: por sorteo (%d)" % (nombre, len(items)))
        else:
            check(all(it["puntaje_final"] in puntajes_posibles(pol, it) for it in items),
                  "orden %s: cada puntaje_final = Σ peso × nota (× bono), redondeo half-up a %d decimales" % (nombre, pol["escala"]))
            cmp = lambda a, b: difiere(pol, claves, a, b)[1]
            orden = sorted(items, key=functools.cmp_to_key(cmp))
            okn, ns = True, 0
            for i, it in enumerate(orden):
                n = i + 1 if i == 0 or D(orden[i - 1]["puntaje_final"]) != D(it["puntaje_final"]) else ns
                ns = n
                lv = 0
                for j in (i - 1, i + 1):
                    if 0 <= j < len(orden):
                        lv = max(lv, difiere(pol, claves, orden[min(i, j)], orden[max(i, j)])[0])
                okn &= it["n_adjudicacion"] == i + 1 and it["n"] == n and it["desempate"] == nombre_nivel(pol, lv)
                okn &= it["desempate"] != "SIN_SORTEO"
            check(okn, "orden %s: N° adjudicación, N° y criterio de desempate (%d)" % (nombre, len(items)))
        ordenes[(mod, prof)] = [(it["inscripcion_id"], it["n_adjudicacion"])
                                for it in sorted(items, key=lambda it: it["n_adjudicacion"])]
    return ordenes


# ---------------------------------------------------------------- sessions
def evento_texto(e):
    return "SERUMS-EVENTO-v1\n%d\n%s\n%d\n%d\n%s\n%s\n%s\n%s\n%s\n%s\n" % (
        e["seq"], e["prev_hash"], e["turno"], e["inscripcion_id"], e["accion"],
        "" if not e.get("plaza_id") else e["plaza_id"], e["resultado"],
        "" if not e.get("unidad") else e["unidad"], e["actor"], e["at"])


def elegible_de(log):
    """The fase rule from the published turns and plazas: CAUTIVAS takes only
    cautive plazas of the turn's institution; every other fase takes any plaza."""
    if log["sesion"]["fase"] != "CAUTIVAS":
        return lambda i, p: True
    inst = {o["inscripcion_id"]: o.get("institucion") for o in log["orden"]}
    pl = {p["plaza_id"]: p for p in log.get("plazas", [])}
    return lambda i, p: (p in pl and pl[p]["cautiva"] and inst.get(i) is not None
                         and pl[p]["institucion"] == inst[i])


def verificar_participantes(log):
    """Who may be called in the session's fase, from the published turns."""
    ses, orden = log["sesion"], log["orden"]
    if ses["fase"] == "CAUTIVAS":
        return check(all(o.get("institucion") for o in orden),
                     "sesión %s: CAUTIVAS llama solo a personal de una institución (%d)" % (ses["id"], len(orden)))
    if ses["fase"] == "VINCULO_LABORAL":
        return check(all(o.get("vinculo") is True for o in orden),
                     "sesión %s: VINCULO_LABORAL llama solo a vínculos acreditados (%d)" % (ses["id"], len(orden)))
    return True


def replay(ses, orden, unidades, prefs, eventos, elegible=lambda i, p: True):
    """An independent model of the session: returns {id: (estado, plaza, unidad)}
    and the list of per-event outcomes, or raises ValueError."""
    libres = {}
    for u in sorted(unidades, key=lambda u: (u["plaza_id"], u["unidad"])):
        libres.setdefault(u["plaza_id"], []).append(u["unidad"])
    total = sum(len(v) for v in libres.values())
    estado = {i: "PENDIENTE" for i in orden}
    llamadas = {i: 0 for i in orden}
    res = {}
    listas = ses["modo"] == "LISTAS"
    K, R = ses["bloque"], ses["reintentos"]
    pend = list(orden)          # first calls still to make
    cola, enbloque = [], 0
    outs = []

    def proximo():
        nonlocal cola, enbloque
        while True:
            if cola:
                return cola.pop(0)
            if enbloque >= K or not pend:
                cola = [i for i in orden if estado[i] == "AUSENTE"]
                enbloque = 0
                if cola:
                    continue
                if not pend:
                    return None
            enbloque += 1
            return pend.pop(0)

    actual = proximo() if total else None
    turno = 0
    if actual is not None:
        turno, llamadas[actual] = 1, 1
    for e in eventos:
        if actual is None or e["inscripcion_id"] != actual:
            raise ValueError("evento %d: no es el turno llamado" % e["seq"])
        if e["turno"] != turno:
            raise ValueError("evento %d: número de turno" % e["seq"])
        out = None
        if e["accion"] == "ELIGE":
            p = e["plaza_id"]
            if not elegible(actual, p):
                raise ValueError("evento %d: plaza no elegible en la fase" % e["seq"])
            if not libres.get(p):
                raise ValueError("evento %d: plaza sin unidad libre" % e["seq"])
            out = ("ADJUDICADO", p, libres[p].pop(0))
        elif e["accion"] == "DESISTE":
            out = ("DESISTE", None, None)
        elif e["accion"] == "VENCE":
            p = next((p for p in prefs.get(str(actual), []) if libres.get(p) and elegible(actual, p)), None)
            if p is not None:
                out = ("ADJUDICADO", p, libres[p].pop(0))
            elif listas or llamadas[actual] > R:
                out = ("NO_ADJUDICO", None, None)
            else:
                out = ("AUSENTE", None, None)
        else:
            raise ValueError("evento %d: acción desconocida" % e["seq"])
        estado[actual] = out[0]
        res[actual] = out
        outs.append(out)
        if out[0] == "ADJUDICADO":
            total -= 1
        actual = proximo() if total else None
        if actual is not None:
            turno += 1
            llamadas[actual] += 1
    return res, outs


def verificar_sesion(log, ordenes):
    ses = log["sesion"]
    sid = ses["id"]
    ev = log["eventos"]
    prev, okc = "0" * 64, True
    for i, e in enumerate(ev):
        okc &= e["seq"] == i + 1 and e["prev_hash"] == prev and sha256_hex(evento_texto(e).encode()) == e["hash"]
        prev = e["hash"]
    check(okc, "sesión %s: cadena de hashes de %d eventos" % (sid, len(ev)))
    orden = [o["inscripcion_id"] for o in log["orden"]]
    merito = ordenes.get((ses["modalidad"], ses["profesion"]))
    if merito is not None:
        # the turns are the published order (n_adjudicacion included), without whoever
        # already held a plaza when the session was created (a REOFERTA offers the rest)
        n_pub = dict(merito)
        pos = {i: k for k, (i, _) in enumerate(merito)}
        turnos = [(o["inscripcion_id"], o["n_adjudicacion"]) for o in log["orden"]]
        ok = all(i in pos and n_pub[i] == n for i, n in turnos) and [pos[i] for i, _ in turnos] == sorted(pos[i] for i, _ in turnos)
        check(ok, "sesión %s: los turnos siguen el orden de mérito publicado" % sid)
    verificar_participantes(log)
    try:
        res, outs = replay(ses, orden, log["unidades"], log.get("preferencias", {}), ev, elegible_de(log))
    except ValueError as x:
        check(False, "sesión %s: replay: %s" % (sid, x))
        return {}
    okr = all((e["resultado"], e.get("plaza_id") if e["resultado"] == "ADJUDICADO" else None,
               e.get("unidad") if e["resultado"] == "ADJUDICADO" else None) == o for e, o in zip(ev, outs))
    check(okr, "sesión %s: el replay da cada resultado publicado en el log" % sid)
    return {i: (o[1], o[2]) for i, o in res.items() if o[0] == "ADJUDICADO"}


def sorteo_de_filas(p):
    """The published SORTEO version (one row per drawn id with its sorteo's inputs)
    as sorteos + items; the pool is rebuilt from the ids, H_pool then checks it."""
    sorteos = {}
    for it in p["items"]:
        s = sorteos.setdefault(it["sorteo_id"], {
            "id": it["sorteo_id"], "modalidad": it["modalidad"], "profesion": it["profesion"],
            "h_pool": it["h_pool"], "compromiso": it["compromiso"], "secreto": it["secreto"],
            "beacon": {"fuente": it["beacon_fuente"], "ronda": it["beacon_ronda"], "valor": it["beacon_valor"]},
            "seed_input": it["seed_input"], "seed": it["seed"], "ids": []})
        s["ids"].append(it["inscripcion_id"])
    for s in sorteos.values():
        s["pool"] = "".join("%d\n" % i for i in sorted(s.pop("ids")))
    return {"tipo": "SORTEO", "convocatoria": p["convocatoria"], "sorteos": list(sorteos.values()),
            "items": [{k: it[k] for k in ("sorteo_id", "inscripcion_id", "posicion", "clave")} for it in p["items"]]}


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    pubs = []
    for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
        with open(f, encoding="utf-8") as fh:
            pubs.append(json.load(fh))
    por_tipo = {}
    for i, p in enumerate(pubs):
        if "pool" in p and "h_pool" in p:   # one sorteo as GET /v1/sorteos/{id} answers it
            pubs[i] = p = {"tipo": "SORTEO", "convocatoria": p["convocatoria"], "sorteos": [p],
                           "items": [dict(it, sorteo_id=p["id"]) for it in p["items"]]}
        elif p.get("tipo") == "SORTEO" and "sorteos" not in p:   # the SORTEO publication: flat rows
            pubs[i] = p = sorteo_de_filas(p)
    for p in pubs:
        por_tipo.setdefault(p.get("tipo", "SESION" if "sesion" in p else "?"), []).append(p)
    claves = {}
    for p in por_tipo.get("SORTEO", []):
        claves.update(verificar_sorteo(p))
    ordenes = {}
    for p in por_tipo.get("ORDEN_MERITO", []):
        ordenes.update(verificar_orden(p, claves))
    asignado = {}
    for p in por_tipo.get("SESION", []):
        for i, v in verificar_sesion(p, ordenes).items():
            asignado[(p["sesion"]["id"], i)] = v
    anuladas = {it["inscripcion_id"] for p in por_tipo.get("ANULACIONES", []) for it in p["items"]}
    for tipo in ("ADJUDICADOS_REMUNERADA", "ADJUDICADOS_EQUIVALENTE"):
        for p in por_tipo.get(tipo, []):
            pub = {(it["sesion_id"], it["inscripcion_id"]): (it["plaza_id"], it["unidad"]) for it in p["items"]}
            sesiones = {it["sesion_id"] for it in p["items"]} | {s for (s, _) in asignado}
            esperado = {k: v for k, v in asignado.items() if k[0] in sesiones and k[1] not in anuladas}
            mod = tipo.split("_")[1]
            esperado = {k: v for k, v in esperado.items()
                        if any(s["sesion"]["id"] == k[0] and s["sesion"]["modalidad"] == mod for s in por_tipo.get("SESION", []))}
            check(pub == esperado, "%s v%s: la lista publicada es el replay de los logs (%d)" % (tipo, p.get("version"), len(pub)))
    print("%d fallas" % len(fallas))
    return 1 if fallas else 0


if __name__ == "__main__":
    sys.exit(main())
