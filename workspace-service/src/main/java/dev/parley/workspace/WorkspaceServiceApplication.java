package dev.parley.workspace;

import dev.parley.common.boot.ParleyApplication;
import dev.parley.common.role.Role;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** Runs the workspace service as its own process (distributed mode), on port 8081 unless told otherwise. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class WorkspaceServiceApplication {

    public static void main(String[] args) {
        ParleyApplication.run(WorkspaceServiceApplication.class, Role.WORKSPACE, 8081, args);
    }
}
