#!/bin/sh
# Registers the custom search attributes the subscription workflow upserts (ops engineers find
# subscriptions by them in Temporal Web UI). Idempotent: an attribute that exists is left alone.
# Usage: TEMPORAL_ADDRESS=host:7233 NAMESPACE=default ./setup-search-attributes.sh
set -eu
ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${NAMESPACE:-default}"

until temporal operator cluster health --address "$ADDRESS" >/dev/null 2>&1; do sleep 2; done

for pair in $(cat "$(dirname "$0")/search-attributes.txt"); do
  name="${pair%%=*}"; type="${pair#*=}"
  if temporal operator search-attribute list --address "$ADDRESS" --namespace "$NAMESPACE" | grep -q "^ *$name "; then
    echo "search attribute $name exists"
  else
    temporal operator search-attribute create --address "$ADDRESS" --namespace "$NAMESPACE" --name "$name" --type "$type"
  fi
done
