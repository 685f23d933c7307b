package dev.rooms.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class RoomsServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(RoomsServerApplication.class, args);
    }
}
