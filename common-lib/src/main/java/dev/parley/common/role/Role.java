package dev.parley.common.role;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.env.Environment;

/**
 * The roles one process can take; {@code parley.target} lists the ones it runs ({@code all} by default, as the
 * standalone server does), and each service's own {@code main} sets its single role.
 */
public enum Role {
    GATEWAY(false), WORKSPACE(true), CHANNEL(true), MESSAGING(true), PRESENCE(true), SEARCH(true), FILES(true),
    NOTIFICATION(true), CONNECT(true);

    public static final String PROPERTY = "parley.target";

    private final boolean ownsTables;

    Role(boolean ownsTables) {
        this.ownsTables = ownsTables;
    }

    /** Whether this role keeps data in the relational store; a process of gateways alone opens no database. */
    public boolean ownsTables() {
        return ownsTables;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The roles named by {@code parley.target}; an unknown name stops start-up with a message naming it. */
    public static Set<Role> enabled(Environment env) {
        String target = env.getProperty(PROPERTY, "all").trim();
        if (target.equalsIgnoreCase("all")) {
            return Set.of(values());
        }
        Set<Role> roles = new LinkedHashSet<>();
        for (String name : target.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            roles.add(Arrays.stream(values())
                    .filter(r -> r.id().equalsIgnoreCase(trimmed))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("Unknown role '" + trimmed + "' in " + PROPERTY
                            + "; expected 'all' or a list of " + Arrays.toString(values()).toLowerCase(Locale.ROOT))));
        }
        return roles;
    }
}
