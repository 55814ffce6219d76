package dev.parley.files.metadata;

import java.util.Locale;

/** Where a file is in its life: {@code uploading → processing → ready | quarantined | error}. */
public enum FileStatus {
    UPLOADING, PROCESSING, READY, QUARANTINED, ERROR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FileStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** Whether processing is over, one way or the other. */
    public boolean settled() {
        return this == READY || this == QUARANTINED || this == ERROR;
    }
}
