package dev.parley.web;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The web client's settings.
 *
 * @param dir a directory to serve the app from instead of the jar (its build output, e.g. while working on it with
 *            {@code npm run build -- --watch}); unset, the app built into the jar is served
 */
@ConfigurationProperties("parley.web")
record WebClientProperties(Path dir) {
}
