-- bench/revision_lista.lua - wrk script for bench/revision.sh: the reviewer's
-- access token (first script argument) on every request.
function init(args)
  wrk.headers["Authorization"] = "Bearer " .. args[1]
end
