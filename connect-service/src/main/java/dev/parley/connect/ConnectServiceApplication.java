package dev.parley.connect;

import dev.parley.common.boot.ParleyApplication;
import dev.parley.common.role.Role;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** Runs the connect service as its own process (distributed mode), on port 8088 unless told otherwise. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ConnectServiceApplication {

    public static void main(String[] args) {
        ParleyApplication.run(ConnectServiceApplication.class, Role.CONNECT, 8088, args);
    }
}
