package dev.rooms.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** The PostgreSQL-only migration: trigram indexes that {@code ILIKE '%text%'} can use. */
@PostgresServer
class PostgresSearchIndexTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void migrationsCreateTheFindIndexes() {
        List<String> indexes = jdbc.sql("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
                .query(String.class).list();

        assertThat(indexes).contains("message_content_trgm_idx", "room_name_trgm_idx", "room_description_trgm_idx",
                "message_room_created_idx", "message_user_id_idx").doesNotContain("message_user_idx");
    }

    @Test
    @Transactional
    void substringSearchOnContentCanUseTheTrigramIndex() {
        // Sequential scans priced out, so the plan shows whether the index can serve ILIKE at all.
        jdbc.sql("SET LOCAL enable_seqscan = off").update();

        List<String> plan = jdbc.sql("EXPLAIN SELECT id FROM message WHERE content ILIKE '%zanzibar%' ESCAPE '\\'")
                .query(String.class).list();

        assertThat(String.join("\n", plan)).contains("message_content_trgm_idx");
    }
}
