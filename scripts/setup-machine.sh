#!/usr/bin/env bash
# Installs the Debian packages the local world uses: a real Docker engine and OCI registry,
# the AWS CLI v2 (its botocore models validate every simulated request), and Prometheus.
set -euo pipefail
need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
[ -x /usr/bin/docker-registry ] || need+=(docker-registry)
[ -x /usr/bin/aws ] || need+=(awscli)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "setup-machine: run as root to install: ${need[*]}" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v moto_server >/dev/null 2>&1 || echo "setup-machine: moto_server not found (pip install 'moto[server]'); S3 tests need it" >&2
echo "setup-machine: docker.io docker-registry awscli prometheus present"
