#!/usr/bin/env python3
"""adjudicacion_vivo.py - live-mode load: one operator thread per session
records the pick of each called turn (the first plaza with a free unit, from
the state each answer returns) over a kept-alive connection, while
bench/adjudicacion.sh polls estado.json with wrk. Prints picks/s over all
sessions and the latency percentiles of a pick.
    adjudicacion_vivo.py HOST PORT TOKEN SECONDS SESION..."""
import http.client
import json
import sys
import threading
import time

host, port, token, secs = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
sesiones = sys.argv[5:]
lat, errores = [], [0]
lock = threading.Lock()


def correr(sid):
    c = http.client.HTTPConnection(host, port)
    h = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    c.request("GET", "/v1/adjudicaciones/%s" % sid, headers=h)
    s = json.loads(c.getresponse().read())
    fin = time.time() + secs
    mias = []
    while time.time() < fin and s.get("turno"):
        libres = [p["plaza_id"] for p in s["plazas"] if p["libres"] > 0]
        if not libres:
            break
        body = json.dumps({"plaza_id": libres[0], "inscripcion_id": s["turno"]["inscripcion_id"]})
        t0 = time.perf_counter()
        c.request("POST", "/v1/adjudicaciones/%s/elecciones" % sid, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        mias.append(time.perf_counter() - t0)
        if r.status != 200:
            with lock:
                errores[0] += 1
            break
        s = json.loads(data)
    with lock:
        lat.extend(mias)


t0 = time.time()
hilos = [threading.Thread(target=correr, args=(s,)) for s in sesiones]
for h in hilos:
    h.start()
for h in hilos:
    h.join()
dur = time.time() - t0
lat.sort()
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else 0
print("live picks: %d in %.1f s over %d sessions = %.0f picks/s; p50 %.1f ms, p99 %.1f ms, max %.1f ms; errors %d"
      % (len(lat), dur, len(sesiones), len(lat) / dur, p(0.5), p(0.99), p(1.0) * 1 if lat else 0, errores[0]))
