package dev.rooms.server.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rooms.server.RoomsServerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A whole server started on a random port with the given properties, for tests that need more than one. */
final class ServerInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ServerInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static ServerInstance start(Map<String, String> properties) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--server.port=0");
        arguments.add("--rooms.jwt-secret=" + LiveServerTest.SECRET);
        arguments.add("--rooms.data-dir=target/live-test-data");
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return new ServerInstance(new SpringApplicationBuilder(RoomsServerApplication.class)
                .run(arguments.toArray(String[]::new)));
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
