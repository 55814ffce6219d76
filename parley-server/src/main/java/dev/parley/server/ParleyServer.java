package dev.parley.server;

import dev.parley.common.boot.ParleyApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The standalone server: every role in one process, embedded adapters, one port (8080). */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ParleyServer {

    public static void main(String[] args) {
        ParleyApplication.run(ParleyServer.class, "all", 8080, args);
    }
}
