-- wrk script: autosave of yes/no answers by signed-in respondents.
-- Each wrk thread signs as its own body's respondent (data from args[1]) and
-- cycles through that response's yes/no questions, alternating the value and
-- sending the version it last saw; a question is not sent again while a save
-- of it is in flight.
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  dofile(args[1])  -- defines SESSIONS = { {cookie=, csrf=, rid=, qids={...}}, ... }
  -- Optional pacing: args[2] connections, args[3] target saves/s for all of
  -- them; each connection then waits so the offered load is that rate.
  local conns, rate = tonumber(args[2]), tonumber(args[3])
  pause = (conns and rate and rate > 0) and (1000.0 * conns / rate) or 0
  local s = SESSIONS[tid]
  rid, qids = s.rid, s.qids
  headers = { ["Content-Type"] = "application/json", ["Cookie"] = "mamori_session=" .. s.cookie,
              ["X-CSRF-Token"] = s.csrf }
  versions, flip, inflight = {}, {}, {}
  for _, q in ipairs(qids) do versions[q] = 0; flip[q] = false; inflight[q] = false end
  idx = 0
end

function delay()
  return pause
end

function request()
  repeat idx = idx % #qids + 1 until not inflight[qids[idx]]
  local q = qids[idx]
  inflight[q] = true
  flip[q] = not flip[q]
  local body = '{"version":' .. versions[q] .. ',"value":"' .. (flip[q] and "yes" or "no") .. '"}'
  return wrk.format("PUT", "/api/responses/" .. rid .. "/answers/" .. q, headers, body)
end

local shown = 0
function response(status, hdrs, body)
  if status ~= 200 and shown < 3 and os.getenv("AUTOSAVE_DEBUG") then shown = shown + 1; print(status, body) end
  local q, v = body:match('"question_id":"([^"]+)".-"version":(%d+)')
  if q and versions[q] then versions[q] = tonumber(v); inflight[q] = false end
end
