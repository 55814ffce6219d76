package dev.parley.notification;

import dev.parley.common.boot.ParleyApplication;
import dev.parley.common.role.Role;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** Runs the notification service as its own process (distributed mode), on port 8087 unless told otherwise. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class NotificationServiceApplication {

    public static void main(String[] args) {
        ParleyApplication.run(NotificationServiceApplication.class, Role.NOTIFICATION, 8087, args);
    }
}
