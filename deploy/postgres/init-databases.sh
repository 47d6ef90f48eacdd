#!/bin/sh
# First start of the PostgreSQL container only (docker-entrypoint-initdb.d): one role and database for Lunas, one role
# for Temporal (auto-setup creates its `temporal` and `temporal_visibility` databases, so the role may create
# databases). Passwords come from the environment (.env).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v lunas_password="$LUNAS_DB_PASSWORD" -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE lunas LOGIN PASSWORD :'lunas_password';
CREATE DATABASE lunas OWNER lunas;
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_password';
SQL
