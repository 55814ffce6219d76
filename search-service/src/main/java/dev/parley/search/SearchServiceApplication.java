package dev.parley.search;

import dev.parley.common.boot.ParleyApplication;
import dev.parley.common.role.Role;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** Runs the search service as its own process (distributed mode), on port 8085 unless told otherwise. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SearchServiceApplication {

    public static void main(String[] args) {
        ParleyApplication.run(SearchServiceApplication.class, Role.SEARCH, 8085, args);
    }
}
