package dev.parley.files.scan.clamav;

import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import dev.parley.files.FilesProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The ClamAV scanner, chosen by {@code parley.files.scanner=clamav}: a clamd at {@code parley.files.clamav.*}. */
@AutoConfiguration
@ConditionalOnRole(Role.FILES)
@ConditionalOnProperty(name = "parley.files.scanner", havingValue = "clamav")
@EnableConfigurationProperties(FilesProperties.class)
class ClamdScannerConfiguration {

    @Bean
    ClamdScanner clamdScanner(FilesProperties properties) {
        FilesProperties.Clamav clamav = properties.clamav();
        return new ClamdScanner(clamav.host(), clamav.port(), clamav.timeout());
    }
}
