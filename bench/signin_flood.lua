-- wrk script: sign-ins with wrong passwords for ever-new logins (a guessing flood).
local n = 0
function request()
  n = n + 1
  return wrk.format("POST", "/api/session", { ["Content-Type"] = "application/json" },
                    '{"login":"x' .. n .. '","password":"y"}')
end
