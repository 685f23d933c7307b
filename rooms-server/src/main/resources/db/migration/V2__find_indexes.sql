-- Indexes for the history filters and search (issue 9); runs on H2 and PostgreSQL alike.

-- since/until inside a room.
CREATE INDEX message_room_created_idx ON message (room_id, created_at);

-- A user's messages in id order (the `user` filter, newest first in a search); replaces the plain user_id index,
-- which this one serves as well (account deletion).
CREATE INDEX message_user_id_idx ON message (user_id, id);
DROP INDEX message_user_idx;
