{{/*
Chart name, truncated to the 63 characters a DNS label allows.
*/}}
{{- define "pulse.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of the release's resources: the release name, prefixed to the chart name unless it contains it.
*/}}
{{- define "pulse.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "pulse.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels that select the server pods. Never change them: Deployment selectors are immutable.
*/}}
{{- define "pulse.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pulse.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "pulse.labels" -}}
helm.sh/chart: {{ include "pulse.chart" . }}
{{ include "pulse.selectorLabels" . }}
app.kubernetes.io/component: server
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Labels of the backup job and its pods: not the server's selector labels, so that neither the Service
nor the disruption budget ever counts a backup pod as a server.
*/}}
{{- define "pulse.backupLabels" -}}
helm.sh/chart: {{ include "pulse.chart" . }}
app.kubernetes.io/name: {{ include "pulse.name" . }}-backup
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: backup
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "pulse.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "pulse.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "pulse.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/*
Name of the Secret holding the admin token and the context key.
*/}}
{{- define "pulse.authSecretName" -}}
{{- default (include "pulse.fullname" .) .Values.auth.existingSecret }}
{{- end }}

{{/*
Key of the read token in the auth Secret, or empty for none: the existing Secret's auth.readTokenKey, or
"read-token" when the chart-created Secret holds auth.readToken.
*/}}
{{- define "pulse.readTokenKey" -}}
{{- if .Values.auth.existingSecret }}{{ .Values.auth.readTokenKey }}{{ else if .Values.auth.readToken }}read-token{{ end }}
{{- end }}

{{/*
Name of the Secret holding the PostgreSQL URL: the existing one, or the chart-created "<fullname>-store".
*/}}
{{- define "pulse.storeSecretName" -}}
{{- default (printf "%s-store" (include "pulse.fullname" .)) .Values.store.postgresql.existingSecret }}
{{- end }}

{{- define "pulse.embedded" -}}
{{- if eq .Values.store.type "embedded" }}true{{ end }}
{{- end }}

{{/*
Name of the PVC that holds the DuckDB file, or "" when the data directory is an emptyDir.
*/}}
{{- define "pulse.dataClaimName" -}}
{{- if and (include "pulse.embedded" .) .Values.persistence.enabled }}
{{- default (printf "%s-data" (include "pulse.fullname" .)) .Values.persistence.existingClaim }}
{{- end }}
{{- end }}

{{/*
The PVC of the backup copies.
*/}}
{{- define "pulse.backupClaimName" -}}
{{- default (printf "%s-backups" (include "pulse.fullname" .)) .Values.backup.persistence.existingClaim }}
{{- end }}

{{/*
"true" when more than one pod runs at all times: replicaCount > 1, or an autoscaler's minReplicas > 1.
*/}}
{{- define "pulse.several" -}}
{{- if .Values.autoscaling.enabled }}
{{- if gt (int .Values.autoscaling.minReplicas) 1 }}true{{ end }}
{{- else if gt (int .Values.replicaCount) 1 }}true
{{- end }}
{{- end }}

{{/*
Refuses combinations that would deploy a broken server, with a message that says what to change.
*/}}
{{- define "pulse.validate" -}}
{{- if not (has .Values.store.type (list "embedded" "postgresql")) }}
{{- fail (printf "store.type must be \"embedded\" or \"postgresql\", got %q" .Values.store.type) }}
{{- end }}
{{- if and (include "pulse.embedded" .) (gt (int .Values.replicaCount) 1) }}
{{- fail (printf "replicaCount is %d but store.type=embedded allows exactly 1 replica (one process owns the DuckDB file); set store.type=postgresql to run several servers" (int .Values.replicaCount)) }}
{{- end }}
{{- if and (not (include "pulse.embedded" .)) .Values.backup.enabled }}
{{- fail "backup.enabled backs up the embedded store's file; with store.type=postgresql use PostgreSQL's own tools (pg_dump, continuous archiving; docs/operations.md)" }}
{{- end }}
{{- if and .Values.backup.enabled (lt (int .Values.backup.keep) 1) }}
{{- fail (printf "backup.keep is %d: keep at least 1 copy" (int .Values.backup.keep)) }}
{{- end }}
{{- if and (include "pulse.embedded" .) .Values.autoscaling.enabled }}
{{- fail "autoscaling.enabled needs store.type=postgresql: the embedded store allows exactly 1 replica (one process owns the DuckDB file)" }}
{{- end }}
{{- if and .Values.autoscaling.enabled (lt (int .Values.autoscaling.maxReplicas) (int .Values.autoscaling.minReplicas)) }}
{{- fail (printf "autoscaling.maxReplicas (%d) is below autoscaling.minReplicas (%d)" (int .Values.autoscaling.maxReplicas) (int .Values.autoscaling.minReplicas)) }}
{{- end }}
{{- if and .Values.autoscaling.enabled (not (dig "requests" "cpu" "" .Values.resources)) }}
{{- fail "autoscaling.enabled needs resources.requests.cpu: the autoscaler measures CPU use as a share of it" }}
{{- end }}
{{- $fewest := ternary .Values.autoscaling.minReplicas .Values.replicaCount .Values.autoscaling.enabled }}
{{- $minAvailable := .Values.podDisruptionBudget.minAvailable }}
{{- if and .Values.podDisruptionBudget.enabled (include "pulse.several" .) (not (kindIs "string" $minAvailable)) (ge (int $minAvailable) (int $fewest)) }}
{{- fail (printf "podDisruptionBudget.minAvailable is %d but only %d pods may run: no node could ever be drained; set it below %d" (int $minAvailable) (int $fewest) (int $fewest)) }}
{{- end }}
{{- if and (eq .Values.store.type "postgresql") (not .Values.store.postgresql.existingSecret) (not .Values.store.postgresql.url) }}
{{- fail "store.type=postgresql needs store.postgresql.existingSecret (a Secret holding the URL) or store.postgresql.url" }}
{{- end }}
{{- /* The server refuses a shorter admin token at start (ServerConfig): it would crash-loop. */}}
{{- $token := trim (toString .Values.auth.adminToken) }}
{{- if and (not .Values.auth.existingSecret) .Values.auth.adminToken (lt (len $token) 16) }}
{{- fail (printf "auth.adminToken is %d characters but the server needs at least 16; set a longer one (e.g. openssl rand -hex 24) or leave it empty to have one generated" (len $token)) }}
{{- end }}
{{- if and (not .Values.alerts.webhookSecret) (or .Values.alerts.errorRate .Values.alerts.weeklyDigest) }}
{{- fail "alerts.errorRate and alerts.weeklyDigest need alerts.webhookSecret (a Secret holding the webhook URL): where should the alerts go?" }}
{{- end }}
{{- $read := trim (toString .Values.auth.readToken) }}
{{- if and (not .Values.auth.existingSecret) .Values.auth.readToken (lt (len $read) 16) }}
{{- fail (printf "auth.readToken is %d characters but the server needs at least 16; set a longer one (e.g. openssl rand -hex 24) or leave it empty for no read token" (len $read)) }}
{{- end }}
{{- end }}

{{/*
A digest of the secret values given to the chart (tokens, context key, database URL, and the names of
Secrets holding them). In the pod template, it restarts the pods exactly when one of them changes:
they read them only at start, so a token rotated by `helm upgrade` would otherwise go on working.
*/}}
{{- define "pulse.secretValuesChecksum" -}}
{{- dict "auth" .Values.auth "store" .Values.store.postgresql "webhook" (pick .Values.alerts "webhookSecret" "webhookKey") | toJson | sha256sum | quote -}}
{{- end }}
