-- In-app notices (store/notification_repository.cpp).
-- name: insert
INSERT INTO notifications (campaign_id, body_code, message, sender, created_at) VALUES ($1, $2, $3, $4, $5);
-- name: of_body
SELECT n.id, n.campaign_id, n.body_code, n.message, coalesce(u.display_name, ''), n.created_at, n.read_at
FROM notifications n LEFT JOIN users u ON u.id = n.sender
WHERE n.body_code = $1 ORDER BY n.id DESC LIMIT 50;
-- name: mark_read
UPDATE notifications SET read_at = $3, read_by = $4 WHERE id = $1 AND body_code = $2 AND read_at IS NULL;
-- name: exists_for_body
SELECT 1 FROM notifications WHERE id = $1 AND body_code = $2;
