-- plazas_busqueda.lua - wrk script: 50-row pages of the public offer search,
-- rotating over queries people make (first page, by profession, by place
-- name, by text, sorted). Usage: wrk ... -s bench/plazas_busqueda.lua URL -- CONVOCATORIA_ID
local queries = {
  "limit=50",
  "limit=50&modalidad=remunerada&profesion=MEDICINA",
  "limit=50&modalidad=remunerada&departamento=cusco",
  "limit=50&profesion=ENFERMERIA&grado_dificultad=GD-5&zaf=true",
  "limit=50&q=centro%20de%20salud&orden=establecimiento",
  "limit=50&modalidad=equivalente&diresa=LIMA_SUR&orden=-grado_dificultad",
  "limit=50&departamento=Apur%C3%ADmac&provincia=andahuaylas",
  "limit=50&institucion=ESSALUD&orden=departamento",
}
local conv = "1"
local i = 0

function init(args)
  if args[1] then conv = args[1] end
end

function request()
  i = i + 1
  local q = queries[(i % #queries) + 1]
  return wrk.format("GET", "/v1/convocatorias/" .. conv .. "/plazas?" .. q)
end

function done(summary, latency, requests)
  io.write(string.format("lua: %d requests, %d errors (status %d, connect %d, read %d, timeout %d)\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.timeout))
end
