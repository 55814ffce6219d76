package dev.parley.channel;

import dev.parley.common.boot.ParleyApplication;
import dev.parley.common.role.Role;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** Runs the channel service as its own process (distributed mode), on port 8082 unless told otherwise. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ChannelServiceApplication {

    public static void main(String[] args) {
        ParleyApplication.run(ChannelServiceApplication.class, Role.CHANNEL, 8082, args);
    }
}
