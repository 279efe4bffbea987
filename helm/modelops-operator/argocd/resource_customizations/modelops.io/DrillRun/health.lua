-- Argo CD health of a modelops.io DrillRun (issue 10): a finished run is Healthy when it passed
-- (or was skipped), Degraded when it failed, was aborted or hit an error; running is Progressing.
local function text(value, fallback)
  if value == nil or value == "" then
    return fallback
  end
  return value
end

local hs = {}
local status = obj.status
if status == nil or status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the drill to start"
  return hs
end

local detail = text(status.message, status.reason)
local verdict = status.verdict
if verdict == "Passed" then
  hs.status = "Healthy"
  if status.rto ~= nil then
    hs.message = "Drill passed, RTO " .. status.rto
  else
    hs.message = "Drill passed"
  end
  return hs
end
if verdict == "Failed" or verdict == "Aborted" or verdict == "Error" then
  hs.status = "Degraded"
  hs.message = "Drill " .. string.lower(verdict) .. ": " .. text(detail, "no reason given")
  return hs
end
if verdict == "Skipped" or status.phase == "Skipped" then
  hs.status = "Healthy"
  hs.message = "Drill skipped: " .. text(detail, "no reason given")
  return hs
end
if status.phase == "Failed" or status.phase == "Aborted" then
  hs.status = "Degraded"
  hs.message = "Drill " .. string.lower(status.phase) .. ": " .. text(detail, "no reason given")
  return hs
end

-- Pending, Injecting, Observing, Recovering; Completed until the verdict is written.
hs.status = "Progressing"
hs.message = "Drill " .. status.phase .. (detail ~= nil and (": " .. detail) or "")
return hs
