{{/* Full name of the release's objects, at most 63 characters. */}}
{{- define "modelops-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "modelops-operator.serviceAccountName" -}}
{{- default (include "modelops-operator.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "modelops-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "modelops-operator.labels" -}}
{{ include "modelops-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: modelops
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/*
Rules for what the reconciler touches, and nothing else (see ModelDeploymentReconciler's
OWNED_KINDS, WATCHED_KINDS and LOOKED_UP_KINDS; HelmChartTest keeps them in step).
*/}}
{{- define "modelops-operator.rules" -}}
{{- /* Least privilege: every rule is exercised by ChartRbacRealApiIT, which removes each in turn and expects a 403. Owned objects are written with server-side apply (patch; create when absent). */ -}}
- apiGroups: ["modelops.io"]
  resources: ["modeldeployments"]
  # patch: removing the one-shot release annotations (modelops.io/promote, abort, retry)
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["modelops.io"]
  resources: ["modeldeployments/status"]
  verbs: ["get", "patch"]
# Owner references with blockOwnerDeletion need update on the owner's finalizers where the
# OwnerReferencesPermissionEnforcement admission plugin is on (OpenShift, hardened clusters).
- apiGroups: ["modelops.io"]
  resources: ["modeldeployments/finalizers"]
  verbs: ["update"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  # delete: the canary Deployment once a release is over
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: [""]
  resources: ["services"]
  # delete: the per-track Services <name>-stable/-canary when GatewayAPI routing is switched off.
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
# trafficRouting GatewayAPI: the operator's HTTPRoute, read with a GET and server-side applied (no
# informer, so clusters without the Gateway API CRDs need nothing more).
- apiGroups: ["gateway.networking.k8s.io"]
  resources: ["httproutes"]
  verbs: ["get", "create", "patch"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: [""]
  resources: ["pods"]
  # delete: PodKill drills; patch: the pod-deletion-cost mark of ReplicaLoss drills
  verbs: ["get", "list", "watch", "patch", "delete"]
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["get"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
# Drills (DrillSchedule creates and prunes DrillRuns; DrillRun has a finalizer that removes faults;
# patch on drillruns: the abort annotation and the finalizer. Only DrillSchedules own anything
# (their runs, with blockOwnerDeletion), so drillruns/finalizers is not needed.)
- apiGroups: ["modelops.io"]
  resources: ["drillschedules"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["modelops.io"]
  resources: ["drillschedules/status", "drillruns/status"]
  verbs: ["get", "patch"]
- apiGroups: ["modelops.io"]
  resources: ["drillschedules/finalizers"]
  verbs: ["update"]
- apiGroups: ["modelops.io"]
  resources: ["drillruns"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
# The kill switch annotation modelops.io/drills-kill-switch (cluster-scoped: with watchNamespaces
# the Role cannot grant it and only the operator setting counts)
- apiGroups: [""]
  resources: ["namespaces"]
  verbs: ["get"]
# Runtime faults (spec.runtime.faultInjection.enabled): the Secret <name>-fault-token, read with a
# GET on every reconcile (no informer: that would need list/watch on every Secret), created once
# (server-side apply: patch), deleted when the opt-in is turned off; drills read the token from it.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "create", "patch", "delete"]
# NetworkPartition drills: a deny-all NetworkPolicy over the partitioned pods
- apiGroups: ["networking.k8s.io"]
  resources: ["networkpolicies"]
  verbs: ["get", "create", "delete"]
# NodeDrain drills: cordon and uncordon (cluster-scoped: a namespaced Role cannot grant it, so with
# watchNamespaces NodeDrain fails with EngineError) ...
- apiGroups: [""]
  resources: ["nodes"]
  verbs: ["get", "patch"]
# ... and evict through the Eviction API, which honours PodDisruptionBudgets
- apiGroups: [""]
  resources: ["pods/eviction"]
  verbs: ["create"]
# The ChaosMesh drill engine: one Chaos Mesh object per fault, created at injection, read for its
# AllInjected/AllRecovered conditions, deleted at removal (never listed or watched). Harmless
# where Chaos Mesh is not installed.
- apiGroups: ["chaos-mesh.org"]
  resources: ["podchaos", "networkchaos", "httpchaos", "stresschaos"]
  verbs: ["get", "create", "delete"]
{{- end -}}

{{/*
A ratio recording rule of one window above factor x the budget of each ModelDeployment: 1 - the
objective gauge the operator exports from spec.slo (max: one series per ModelDeployment, even while
two operator pods overlap), or 1 - the chart default for a ModelDeployment that exports none.
Arguments: record, window, factor, objective (gauge name), default.
*/}}
{{- define "modelops-operator.burnOver" -}}
(
  modelops:{{ .record }}:ratio_rate{{ .window }}
    > on (namespace, modeldeployment)
  ({{ .factor }} * (1 - max by (namespace, modeldeployment) ({{ .objective }})))
  or
  (modelops:{{ .record }}:ratio_rate{{ .window }} unless on (namespace, modeldeployment) {{ .objective }})
    > ({{ .factor }} * (1 - {{ .default }}))
)
{{- end -}}
