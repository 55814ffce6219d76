package dev.parley.gateway;

import dev.parley.common.boot.ParleyApplication;
import dev.parley.common.role.Role;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** Runs a gateway as its own process (distributed mode), on port 8080 unless told otherwise. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class GatewayServiceApplication {

    public static void main(String[] args) {
        ParleyApplication.run(GatewayServiceApplication.class, Role.GATEWAY, 8080, args);
    }
}
