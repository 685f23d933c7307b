-- The fingerprint of the secret the nodes sharing this database sign tokens with (issue 15): a node with
-- another secret refuses to start instead of answering 401 to every second request behind a balancer.
-- Never the secret itself: an HMAC-SHA256 of a fixed label under it. One row.
CREATE TABLE signing_key (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint          VARCHAR(64) NOT NULL,
    previous_fingerprint VARCHAR(64),
    changed_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
