package dev.parley.files.scan;

import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * {@code parley.files.scanner=none}, the default: no scanner is configured, and {@link MalwareScanner#NONE} says so
 * rather than pretending to scan.
 */
@AutoConfiguration
@ConditionalOnRole(Role.FILES)
@ConditionalOnProperty(name = "parley.files.scanner", havingValue = "none", matchIfMissing = true)
class NoScannerConfiguration {

    @Bean
    MalwareScanner noMalwareScanner() {
        return MalwareScanner.NONE;
    }
}
