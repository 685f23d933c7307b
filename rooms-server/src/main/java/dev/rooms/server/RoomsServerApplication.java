package dev.rooms.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RoomsServerApplication {

    private static final String WEBSOCKET_BUFFER_SIZE = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    public static void main(String[] args) {
        // Tomcat's WebSocket output buffers (8 KiB each, two per open socket) are sized from this property when
        // its WebSocket classes load, so it must be set first. Larger frames are written in several parts.
        if (System.getProperty(WEBSOCKET_BUFFER_SIZE) == null) {
            System.setProperty(WEBSOCKET_BUFFER_SIZE, "1024");
        }
        SpringApplication.run(RoomsServerApplication.class, args);
    }
}
