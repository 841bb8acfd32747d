-- The schema's own records (the tables themselves: migrations/).

-- name: version
SELECT coalesce(max(version), 0) FROM schema_migrations;
