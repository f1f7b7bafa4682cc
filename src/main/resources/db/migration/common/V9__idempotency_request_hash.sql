-- The SHA-256 (hex) of the request an Idempotency-Key was first used with: the same key with
-- another request is refused (422) instead of replaying an answer to a different request.
-- Null for keys stored before this column existed.
alter table pk_idempotency add column request_hash varchar(64);
