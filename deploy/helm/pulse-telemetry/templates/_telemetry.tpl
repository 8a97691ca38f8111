{{/*
pulse-telemetry: turns the consumer chart's global.telemetry.* values into OTTERIZE_TELEMETRY_* settings.
Every template takes the consumer chart's root context (.). See README.md.
*/}}

{{/*
pulse-telemetry.flag: (list "<value path for messages>" <value>) -> "true" or "false".
Omitted, null and "" mean true, as the usage-telemetry document says. Strings follow Go's strconv.ParseBool,
which is how the components themselves read OTTERIZE_TELEMETRY_*.
*/}}
{{- define "pulse-telemetry.flag" -}}
{{- $path := index . 0 }}
{{- $v := index . 1 }}
{{- if kindIs "invalid" $v }}true
{{- else if kindIs "bool" $v }}{{ ternary "true" "false" $v }}
{{- else if or (kindIs "int" $v) (kindIs "int64" $v) (kindIs "float64" $v) }}{{ ternary "false" "true" (eq (toString $v) "0") }}
{{- else if eq (toString $v) "" }}true
{{- else if has (toString $v) (list "1" "t" "T" "true" "TRUE" "True") }}true
{{- else if has (toString $v) (list "0" "f" "F" "false" "FALSE" "False") }}false
{{- else }}{{ fail (printf "%s must be true or false, got %q" $path (toString $v)) }}
{{- end }}
{{- end }}

{{/* The consumer's global.telemetry map, or an empty one. */}}
{{- define "pulse-telemetry.values" -}}
{{- $global := .Values.global | default dict }}
{{- toYaml ($global.telemetry | default dict) }}
{{- end }}

{{- define "pulse-telemetry.enabled" -}}
{{- $t := include "pulse-telemetry.values" . | fromYaml }}
{{- include "pulse-telemetry.flag" (list "global.telemetry.enabled" (get $t "enabled")) }}
{{- end }}

{{- define "pulse-telemetry.usageEnabled" -}}
{{- $t := include "pulse-telemetry.values" . | fromYaml }}
{{- include "pulse-telemetry.flag" (list "global.telemetry.usage.enabled" (dig "usage" "enabled" nil $t)) }}
{{- end }}

{{- define "pulse-telemetry.errorsEnabled" -}}
{{- $t := include "pulse-telemetry.values" . | fromYaml }}
{{- include "pulse-telemetry.flag" (list "global.telemetry.errors.enabled" (dig "errors" "enabled" nil $t)) }}
{{- end }}

{{- define "pulse-telemetry.apiAddress" -}}
{{- $t := include "pulse-telemetry.values" . | fromYaml }}
{{- get $t "apiAddress" | default "" | toString | trimSuffix "/" }}
{{- end }}

{{/*
pulse-telemetry.env: container env entries (a YAML list, to be indented by the caller with nindent).
*/}}
{{- define "pulse-telemetry.env" -}}
- name: OTTERIZE_TELEMETRY_ENABLED
  value: {{ include "pulse-telemetry.enabled" . | quote }}
- name: OTTERIZE_TELEMETRY_USAGE_ENABLED
  value: {{ include "pulse-telemetry.usageEnabled" . | quote }}
- name: OTTERIZE_TELEMETRY_ERRORS_ENABLED
  value: {{ include "pulse-telemetry.errorsEnabled" . | quote }}
{{- with include "pulse-telemetry.apiAddress" . }}
- name: OTTERIZE_API_ADDRESS
  value: {{ . | quote }}
{{- end }}
{{- end }}

{{/*
pulse-telemetry.args: the same settings as command-line flags (a YAML list).
*/}}
{{- define "pulse-telemetry.args" -}}
- --telemetry-enabled={{ include "pulse-telemetry.enabled" . }}
- --telemetry-usage-enabled={{ include "pulse-telemetry.usageEnabled" . }}
- --telemetry-errors-enabled={{ include "pulse-telemetry.errorsEnabled" . }}
{{- with include "pulse-telemetry.apiAddress" . }}
- --api-address={{ . }}
{{- end }}
{{- end }}
