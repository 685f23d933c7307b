-- Issue 15: the nonce a socket's sender sent with a chat message, kept with the message, so a node that has to
-- read the message back from the database (a gap fill: the publish of another node did not arrive in time)
-- still hands every receiver the sender's nonce and the sender's send() is confirmed. NULL for a message sent
-- without one (REST posts, spec clients). The live part accepts a nonce of at most 64 characters and ignores a
-- longer one (FrameDecoder.MAX_NONCE_LENGTH). Never part of a REST answer. Runs unchanged on H2 and PostgreSQL.

ALTER TABLE message ADD COLUMN nonce VARCHAR(64);
