package dev.parley.presence;

import dev.parley.common.boot.ParleyApplication;
import dev.parley.common.role.Role;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** Runs the presence service as its own process (distributed mode), on port 8084 unless told otherwise. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class PresenceServiceApplication {

    public static void main(String[] args) {
        ParleyApplication.run(PresenceServiceApplication.class, Role.PRESENCE, 8084, args);
    }
}
