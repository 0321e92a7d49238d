-- bench/observadores.lua - wrk script for bench/adjudicacion.sh: each
-- connection is one watcher that reads estado.json once a second, so
-- `wrk -c1000` is the issue's 1,000 watchers polling once a second.
function delay()
  return 1000
end
