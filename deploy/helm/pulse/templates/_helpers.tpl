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
Refuses values that would deploy a broken server, with a message that says what to change: combinations
of values, and what values.schema.json cannot say, or not in clear words. Helm checks the schema first;
these run after it, and also under helm --skip-schema-validation.
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
{{- if .Values.backup.enabled }}
{{- $keep := .Values.backup.keep }}
{{- /* int of "abc" or 2.5 is a number too: look at the value itself. */}}
{{- if not (and (or (kindIs "int" $keep) (kindIs "int64" $keep) (kindIs "float64" $keep)) (regexMatch "^[0-9]+$" (toString $keep)) (ge (int $keep) 1)) }}
{{- fail (printf "backup.keep must be a whole number of copies, at least 1; got %s" (toJson $keep)) }}
{{- end }}
{{- include "pulse.validateSchedule" . }}
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
{{- if and (eq .Values.store.type "postgresql") (not .Values.store.postgresql.existingSecret) }}
{{- include "pulse.validateStoreUrl" . }}
{{- end }}
{{- include "pulse.validateBasePath" . }}
{{- $rate := .Values.alerts.errorRate }}
{{- if and $rate (or (le (float64 $rate) 0.0) (gt (float64 $rate) 1.0)) }}
{{- fail (printf "alerts.errorRate must be a share above 0 and at most 1, such as 0.05 (5%%), or empty; got %s" (toJson $rate)) }}
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
store.postgresql.url as the server reads PULSE_STORE (StoreLocation.parse): postgresql://, postgres:// or
jdbc:postgresql://, then a host part and a database. Checked here, not in values.schema.json, whose message
would repeat the whole URL, password included; this one shows the scheme only, as the server does.
*/}}
{{- define "pulse.validateStoreUrl" -}}
{{- $url := trim (toString .Values.store.postgresql.url) }}
{{- $scheme := regexFind "^(jdbc:postgresql|postgresql|postgres)://" $url }}
{{- if not $scheme }}
{{- fail (printf "store.postgresql.url must be a PostgreSQL URL, postgresql://host[:port]/database?user=..&password=.. (or postgres://, jdbc:postgresql://); got one starting with %q" (regexFind "^[^:/?@]*:?" $url)) }}
{{- else if not (regexMatch "^[^/]*/[^?]" (trimPrefix $scheme $url)) }}
{{- fail "store.postgresql.url must name a database: postgresql://host[:port]/<database>?user=..&password=.." }}
{{- end }}
{{- end }}

{{/*
basePath, beyond the characters values.schema.json checks: the rest of the server's rules (BasePath), in
its words. Blank or / is the root; one trailing slash is dropped.
*/}}
{{- define "pulse.validateBasePath" -}}
{{- $base := trimSuffix "/" (trim (toString .Values.basePath)) }}
{{- if $base }}
{{- $segments := splitList "/" (trimPrefix "/" $base) }}
{{- if or (has "." $segments) (has ".." $segments) }}
{{- fail (printf "basePath must be a path such as /pulse, made of letters, digits and - . _ ~ between slashes, without . or .. segments; got %q" .Values.basePath) }}
{{- end }}
{{- $first := first $segments }}
{{- if has $first (list "api" "bench" "cli" "dashboard" "docs" "errors" "features" "healthz" "login" "logout" "metrics" "public" "readyz" "releases" "retention" "telemetry" "webjars") }}
{{- fail (printf "basePath must not start with /%s, a path the server answers at the root too: choose another, such as /pulse" $first) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
backup.schedule: values.schema.json checks the five fields' shape; here each field's range, as Kubernetes
(robfig/cron) takes it: *, ?, numbers or names, ranges a-b, lists a,b and steps /n.
*/}}
{{- define "pulse.validateSchedule" -}}
{{- $schedule := trim (toString .Values.backup.schedule) }}
{{- if not (hasPrefix "@" $schedule) }}
{{- $fields := regexSplit "\\s+" $schedule -1 }}
{{- if ne (len $fields) 5 }}
{{- fail (printf "backup.schedule must be 5 cron fields (minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\") or a descriptor such as @daily; got %q" $schedule) }}
{{- end }}
{{- $specs := list
    (list "minute" "0-59" "0*([0-9]|[1-5][0-9])")
    (list "hour" "0-23" "0*([0-9]|1[0-9]|2[0-3])")
    (list "day-of-month" "1-31" "0*([1-9]|[12][0-9]|3[01])")
    (list "month" "1-12 or jan-dec" "0*([1-9]|1[0-2])|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
    (list "day-of-week" "0-6 or sun-sat" "0*[0-6]|sun|mon|tue|wed|thu|fri|sat") }}
{{- range $i, $spec := $specs }}
{{- $one := printf "(?i:%s)" (index $spec 2) }}
{{- $element := printf "(\\*|\\?|%s(-%s)?)(/0*[1-9][0-9]*)?" $one $one }}
{{- if not (regexMatch (printf "^%s(,%s)*$" $element $element) (index $fields $i)) }}
{{- fail (printf "backup.schedule %q: its %s field %q must be *, or within %s, as values, ranges a-b, lists a,b or steps */n" $schedule (index $spec 0) (index $fields $i) (index $spec 1)) }}
{{- end }}
{{- end }}
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
