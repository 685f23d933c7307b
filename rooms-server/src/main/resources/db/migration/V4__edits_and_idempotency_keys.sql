-- Issue 10: messages can be edited (edited_at stays NULL until the first edit) and posted over REST with an
-- Idempotency-Key. Runs unchanged on H2 (2.x) and PostgreSQL.

ALTER TABLE message ADD COLUMN edited_at TIMESTAMP WITH TIME ZONE;

-- One row per (user, key): the primary key is what makes concurrent retries with one key post exactly once
-- (the second insert fails and its message is rolled back with it). A key is honoured for 24 hours; an
-- expired row is deleted when its key is used again. Deleting the message deletes its key.
CREATE TABLE idempotency_key (
    user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idempotency_key VARCHAR(255) NOT NULL,
    message_id      BIGINT NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);

CREATE INDEX idempotency_key_message_idx ON idempotency_key (message_id);
