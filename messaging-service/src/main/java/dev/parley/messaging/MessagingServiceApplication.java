package dev.parley.messaging;

import dev.parley.common.boot.ParleyApplication;
import dev.parley.common.role.Role;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** Runs the messaging service as its own process (distributed mode), on port 8083 unless told otherwise. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class MessagingServiceApplication {

    public static void main(String[] args) {
        ParleyApplication.run(MessagingServiceApplication.class, Role.MESSAGING, 8083, args);
    }
}
