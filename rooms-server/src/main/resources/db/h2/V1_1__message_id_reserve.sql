-- H2 only (spring.flyway.locations picks db/{vendor}). H2 commits a sequence's position every time a
-- reserve (CACHE) of ids is used up, and with durable commits each of those commits is a write of the store
-- of its own: with the default reserve of 32, one extra write per 32 chat messages, about a
-- sixth of the chat path's CPU under load. A reserve of 1,024 makes it one per 1,024. After a crash, ids go on
-- above the reserve: a gap, never an id given twice.
-- Not for PostgreSQL: there every connection would hold a reserve of its own, and ids would no longer follow
-- commit order across connections, which the room's history order relies on.
ALTER TABLE message ALTER COLUMN id SET CACHE 1024;
