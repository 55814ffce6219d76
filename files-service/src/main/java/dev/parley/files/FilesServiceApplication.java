package dev.parley.files;

import dev.parley.common.boot.ParleyApplication;
import dev.parley.common.role.Role;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** Runs the files service as its own process (distributed mode), on port 8086 unless told otherwise. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class FilesServiceApplication {

    public static void main(String[] args) {
        ParleyApplication.run(FilesServiceApplication.class, Role.FILES, 8086, args);
    }
}
