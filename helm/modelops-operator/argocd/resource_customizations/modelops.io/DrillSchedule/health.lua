-- Argo CD health of a modelops.io DrillSchedule (issue 10): Suspended while spec.suspend is
-- true, Degraded when the latest finished run failed, otherwise Healthy.
local hs = {}
if obj.spec ~= nil and obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "Schedule suspended: no new drills are started"
  return hs
end

local status = obj.status
local last = nil
if status ~= nil then
  last = status.lastRun
end
if last ~= nil and (last.verdict == "Failed" or last.verdict == "Aborted" or last.verdict == "Error") then
  hs.status = "Degraded"
  local why = last.reason
  if why == nil or why == "" then
    why = "no reason given"
  end
  hs.message = "Last drill " .. tostring(last.name) .. " " .. string.lower(last.verdict) .. ": " .. why
  return hs
end

hs.status = "Healthy"
if last ~= nil then
  hs.message = "Last drill " .. tostring(last.name) .. ": " .. tostring(last.verdict)
elseif status ~= nil and status.nextScheduleTime ~= nil then
  hs.message = "No drill finished yet; next at " .. status.nextScheduleTime
else
  hs.message = "No drill finished yet"
end
return hs
