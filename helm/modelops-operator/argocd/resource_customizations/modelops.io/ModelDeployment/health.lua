-- Argo CD health of a modelops.io ModelDeployment, read from the status the operator writes
-- (docs/api.md, docs/releases.md). Lua 5.1 as gopher-lua runs it; `obj` is the object.
local function condition(status, type)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local function text(value, fallback)
  if value == nil or value == "" then
    return fallback
  end
  return value
end

local hs = {}
local status = obj.status
if status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report status"
  return hs
end

local generation = obj.metadata.generation
if generation ~= nil and (status.observedGeneration == nil or status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

local degraded = condition(status, "Degraded")
if degraded ~= nil and degraded.status == "True" then
  hs.status = "Degraded"
  hs.message = text(degraded.message, degraded.reason)
  return hs
end

local release = status.release
if release ~= nil then
  if release.phase == "Paused" then
    hs.status = "Suspended"
    hs.message = text(release.message, text(release.reason, "Release paused"))
    return hs
  end
  -- The operator never retries a rolled-back revision on its own: Degraded until the spec
  -- changes (a spec change makes observedGeneration lag, caught above) or a retry annotation.
  if release.phase == "RolledBack" then
    hs.status = "Degraded"
    hs.message = "Release rolled back: " .. text(release.message, text(release.reason, "no reason given"))
    return hs
  end
  if release.phase == "Progressing" or release.phase == "Promoting" then
    hs.status = "Progressing"
    hs.message = text(release.message, "Canary release " .. release.phase)
    return hs
  end
end

local progressing = condition(status, "Progressing")
-- spec.release.paused on a RollingUpdate: no status.release, phase Paused.
if status.phase == "Paused" then
  hs.status = "Suspended"
  hs.message = progressing ~= nil and text(progressing.message, progressing.reason) or "Rollout paused"
  return hs
end
if progressing ~= nil and progressing.status == "True" then
  hs.status = "Progressing"
  hs.message = text(progressing.message, progressing.reason)
  return hs
end

local ready = condition(status, "Ready")
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = text(ready.message, "Ready")
  return hs
end

hs.status = "Progressing"
if ready ~= nil then
  hs.message = text(ready.message, ready.reason)
else
  hs.message = "Waiting for the Ready condition"
end
return hs
