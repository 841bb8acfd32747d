-- Bodies and their members (store/body_repository.cpp).
-- name: upsert
INSERT INTO bodies (code, name_ja, name_kana, type, prefecture_code, core_city, network_model, population_band)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (code) DO UPDATE SET name_ja = excluded.name_ja, name_kana = excluded.name_kana, type = excluded.type,
  prefecture_code = excluded.prefecture_code, core_city = excluded.core_city,
  network_model = excluded.network_model, population_band = excluded.population_band;
-- name: delete_members
DELETE FROM body_members WHERE body_code = $1;
-- name: insert_member
INSERT INTO body_members (body_code, member_code) VALUES ($1, $2);
-- name: get
SELECT code, name_ja, name_kana, type, prefecture_code, core_city, network_model, population_band
FROM bodies WHERE code = $1;
-- name: members
SELECT member_code FROM body_members WHERE body_code = $1 ORDER BY member_code;
-- name: list
SELECT code, name_ja, name_kana, type, prefecture_code, core_city, network_model, population_band
FROM bodies
WHERE ($1 = '' OR prefecture_code = $1) AND ($2 = '' OR type = $2)
  AND ($3 = '' OR strpos(name_ja, $3) > 0 OR strpos(name_kana, $3) > 0)
ORDER BY code LIMIT $4 OFFSET $5;
-- name: count
SELECT count(*) FROM bodies;
