-- GET with $AUTH, a different page or object on every request: the URL's "{n}" becomes a random
-- integer in [$LO, $HI], so no two consecutive requests ask for the same thing.
wrk.headers["Authorization"] = os.getenv("AUTH") or ""
local lo = tonumber(os.getenv("LO") or "0")
local hi = tonumber(os.getenv("HI") or "0")
local template = nil

request = function()
  if template == nil then template = wrk.path end
  local path = string.gsub(template, "%%7Bn%%7D", tostring(math.random(lo, hi)))
  path = string.gsub(path, "{n}", tostring(math.random(lo, hi)))
  return wrk.format("GET", path)
end
-- Every answer is computed: the response cache is bypassed as a client asking for fresh data does.
wrk.headers["Cache-Control"] = "no-cache"
