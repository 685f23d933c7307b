package dev.rooms.server.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerOutageTest {

    private final BrokerOutage outage = new BrokerOutage("Redis");

    @Test
    void startsAvailable() {
        assertThat(outage.available()).isTrue();
    }

    @Test
    void downThenUnavailableUntilUp() {
        outage.down("lost the connection");
        outage.refusedConnection(1, "Redis did not answer");
        boolean during = outage.available();

        outage.up();

        assertThat(during).isFalse();
        assertThat(outage.available()).isTrue();
    }
}
