-- GET a different URL per request so a response cache cannot answer: PATH is a template whose
-- "{n}" takes every value of LO..HI once (a stride walk from a per-thread start) before any value
-- repeats, and every request carries "Cache-Control: no-cache", which Ironbox's cache honours by
-- computing the answer afresh (NetBox has no response cache).
--   PATH="/api/ipam/ip-addresses/{n}/" LO=1 HI=100000 AUTH="Bearer …" wrk -s rotate.lua http://host
local path = os.getenv("PATH_TEMPLATE") or "/api/{n}/"
local lo = tonumber(os.getenv("LO") or "0")
local hi = tonumber(os.getenv("HI") or "0")
local span = hi - lo + 1
wrk.headers["Authorization"] = os.getenv("AUTH") or ""
wrk.headers["Cache-Control"] = "no-cache"

-- a stride co-prime with the span visits every value once per cycle
local function gcd(a, b) while b ~= 0 do a, b = b, a % b end return a end
local stride = 7919
while gcd(stride, span) ~= 1 do stride = stride + 1 end
local counter = 0
local start = 0

setup = function(thread)
  thread:set("start", math.random(0, span - 1))
end

init = function()
  start = tonumber(start) or 0
end

request = function()
  local n = lo + (start + counter * stride) % span
  counter = counter + 1
  local p = path:gsub("{n}", tostring(n))
  return wrk.format("GET", p)
end
