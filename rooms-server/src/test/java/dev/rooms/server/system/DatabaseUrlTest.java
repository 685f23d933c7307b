package dev.rooms.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void postgresUrlThenJdbcUrlWithCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://rooms:s%40cret@db.internal:6543/rooms?sslmode=require");

        assertThat(url).isEqualTo(new DatabaseUrl("jdbc:postgresql://db.internal:6543/rooms?sslmode=require", "rooms", "s@cret"));
    }

    @Test
    void postgresqlSchemeWithoutPortOrCredentials() {
        assertThat(DatabaseUrl.parse("postgresql://localhost/rooms"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://localhost/rooms", null, null));
    }

    @Test
    void jdbcUrlIsTakenAsIs() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h:5432/db?user=u"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://h:5432/db?user=u", null, null));
    }

    @Test
    void otherSchemeThenErrorWithoutThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter2@h/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mysql://***@h/db")
                .hasMessageNotContaining("hunter2");
    }
}
