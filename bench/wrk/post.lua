-- POST a JSON body built per request. BODY_KIND selects it:
--   ip     one IP address in 10.200.0.0/16 (unique per request)
--   bulk   100 IP addresses in 10.201.0.0/16..10.216.0.0/16 (unique per request)
--   alloc  an empty object (available-ips allocation)
local kind = os.getenv("BODY_KIND") or "ip"
local token = os.getenv("AUTH") or ""
local counter = 0
local seed = tonumber(os.getenv("SEED") or "0")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = token

local function addr(n, base)
  local b = base + math.floor(n / 65536)
  local rest = n % 65536
  return string.format("10.%d.%d.%d/16", b, math.floor(rest / 256), rest % 256)
end

request = function()
  counter = counter + 1
  local n = seed + counter
  local body
  if kind == "ip" then
    body = string.format('{"address": "%s", "description": "bench"}', addr(n, 200))
  elseif kind == "bulk" then
    local parts = {}
    for i = 0, 99 do
      parts[#parts + 1] = string.format('{"address": "%s", "description": "bench-bulk"}', addr(n * 100 + i, 201))
    end
    body = "[" .. table.concat(parts, ",") .. "]"
  else
    body = "{}"
  end
  return wrk.format(nil, nil, nil, body)
end
