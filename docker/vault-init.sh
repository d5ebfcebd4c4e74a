#!/bin/sh
# One-shot set-up of the dev-mode Vault in docker-compose.yml: wait until Vault answers and is unsealed, enable the
# transit secrets engine, create the service's key encryption key. Idempotent: a second run changes nothing.
# Runs in the hashicorp/vault image, which has the vault CLI; needs VAULT_ADDR and VAULT_TOKEN.
set -eu

: "${VAULT_ADDR:?VAULT_ADDR is required}"
: "${VAULT_TOKEN:?VAULT_TOKEN is required}"
KEY="${VAULT_TRANSIT_KEY:-config-service}"

tries=0
until vault status >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    echo "vault-init: Vault at $VAULT_ADDR is not ready after 60 s" >&2
    exit 1
  fi
  sleep 1
done

if vault secrets list -format=json | grep -q '"transit/"'; then
  echo "vault-init: transit secrets engine already enabled"
else
  vault secrets enable transit
fi

if vault read -format=json "transit/keys/$KEY" >/dev/null 2>&1; then
  echo "vault-init: transit key '$KEY' already exists"
else
  vault write -f "transit/keys/$KEY" type=aes256-gcm96
fi

echo "vault-init: transit key '$KEY' ready"
