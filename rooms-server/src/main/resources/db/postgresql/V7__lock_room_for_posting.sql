-- PostgreSQL only (issue 15): a room's chat batch starts by taking the room's advisory lock and then reading the
-- id of the room's newest message, two round trips per batch on every node. This function does both in one.
-- They must stay two statements inside it: in READ COMMITTED a statement's snapshot is taken when it starts, so
-- a single SELECT that took the lock could still read the newest id from before the lock was granted, missing
-- the batch another node committed while this one waited. A VOLATILE PL/pgSQL function gives each of its
-- statements a fresh snapshot, so the read sees everything committed before the lock was granted.

CREATE FUNCTION lock_room_for_posting(lock_namespace INTEGER, lock_key INTEGER, posting_room_id BIGINT)
    RETURNS BIGINT
    LANGUAGE plpgsql
    VOLATILE
AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(lock_namespace, lock_key);
    RETURN (SELECT COALESCE(MAX(id), 0) FROM message WHERE room_id = posting_room_id);
END
$$;
