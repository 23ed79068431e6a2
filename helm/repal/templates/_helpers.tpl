{{/* Chart name, overridable. */}}
{{- define "repal.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-qualified name; the release name alone when it already contains the chart name. */}}
{{- define "repal.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "repal.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "repal.selectorLabels" -}}
app.kubernetes.io/name: {{ include "repal.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "repal.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "repal.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "repal.serviceAccountName" -}}
{{- default (printf "%s-workflow" (include "repal.fullname" .)) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "repal.artifactRepositoryName" -}}
{{- default (printf "%s-artifact-repository" (include "repal.fullname" .)) .Values.artifactRepository.configMapName -}}
{{- end -}}

{{- define "repal.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* The cuda variant run by GPU templates: image.gpuTag, else <tag>-cuda. */}}
{{- define "repal.gpuImage" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag -}}
{{- printf "%s:%s" .Values.image.repository (default (printf "%s-cuda" $tag) .Values.image.gpuTag) -}}
{{- end -}}

{{- define "repal.minioName" -}}
{{- printf "%s-minio" (include "repal.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The Secret with the S3 keys. Fails on a missing or half-given configuration, so that nothing is ever
installed with made-up credentials.
*/}}
{{- define "repal.s3SecretName" -}}
{{- $s3 := .Values.s3 -}}
{{- if $s3.createSecret -}}
{{- if or (not $s3.accessKey) (not $s3.secretKey) -}}
{{- fail "s3.createSecret=true needs both s3.accessKey and s3.secretKey (the chart has no default credentials)" -}}
{{- end -}}
{{- printf "%s-s3" (include "repal.fullname" .) -}}
{{- else if $s3.existingSecret -}}
{{- $s3.existingSecret -}}
{{- else -}}
{{- fail "S3 credentials missing: set s3.existingSecret to a Secret holding the keys s3.accessKeyKey/s3.secretKeyKey, or s3.createSecret=true with s3.accessKey and s3.secretKey" -}}
{{- end -}}
{{- end -}}

{{/* host:port of the S3 endpoint: the in-cluster MinIO Service when enabled. */}}
{{- define "repal.s3Endpoint" -}}
{{- if .Values.minio.enabled -}}
{{- printf "%s.%s.svc:%d" (include "repal.minioName" .) .Release.Namespace (int .Values.minio.port) -}}
{{- else if .Values.artifactRepository.endpoint -}}
{{- .Values.artifactRepository.endpoint -}}
{{- else -}}
{{- fail "artifactRepository.endpoint is empty: give the S3 host[:port] or set minio.enabled=true" -}}
{{- end -}}
{{- end -}}

{{/* MinIO serves plain HTTP inside the cluster. */}}
{{- define "repal.s3Insecure" -}}
{{- if .Values.minio.enabled -}}true{{- else -}}{{ .Values.artifactRepository.insecure }}{{- end -}}
{{- end -}}

{{- define "repal.s3Url" -}}
{{- printf "%s://%s" (ternary "http" "https" (eq (include "repal.s3Insecure" .) "true")) (include "repal.s3Endpoint" .) -}}
{{- end -}}

{{- define "repal.store" -}}
{{- $r := .Values.artifactRepository -}}
{{- default (trimSuffix "/" (printf "s3://%s/%s" $r.bucket (default "" $r.prefix))) .Values.workflowTemplates.store -}}
{{- end -}}

{{/* Resources with every quantity as a string: Argo's schema types quantities as strings. */}}
{{- define "repal.quantityStrings" -}}
{{- $out := dict -}}
{{- range $section, $values := . -}}
{{- $m := dict -}}
{{- range $k, $v := $values -}}{{- $_ := set $m $k (toString $v) -}}{{- end -}}
{{- $_ := set $out $section $m -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}
