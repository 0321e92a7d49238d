-- plazas_q_aleatoria.lua - wrk script: cache-miss searches, every request a
-- new `q` (two or three random syllables of place and establishment names, as
-- a person types), 50-row pages. Usage: wrk ... -s THIS URL -- CONVOCATORIA_ID
local syl = {"san", "hua", "pam", "chi", "lla", "cru", "mar", "pue", "cen", "sal", "tam", "bo", "ca", "pu",
             "ri", "to", "ya", "que", "co", "lo", "mo", "an", "ta", "ju", "li", "pa", "ma", "ra", "na", "vi"}
local conv = "1"

function setup(thread)
  thread:set("seed", math.random(1, 100000000))
end

function init(args)
  if args[1] then conv = args[1] end
  math.randomseed(seed)
  n = 0
end

function request()
  n = n + 1
  local k = math.random(2, 3)
  local w = ""
  for _ = 1, k do w = w .. syl[math.random(#syl)] end
  -- the counter makes every URL new even when the word repeats (a cache miss each time)
  return wrk.format("GET", "/v1/convocatorias/" .. conv .. "/plazas?limit=50&q=" .. w .. "&n=" .. n .. "-" .. math.random(1, 1000000000))
end
