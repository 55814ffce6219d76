package dev.parley.presence.status;

/** A custom status: text, emoji in {@code :name:} form, and when it lapses (epoch seconds, 0 for never). */
public record CustomStatus(String text, String emoji, long expiration) {

    public static final CustomStatus NONE = new CustomStatus("", "", 0);

    /** Whether it has lapsed by then; a lapsed status reads as none. */
    public boolean expiredAt(long nowSeconds) {
        return expiration != 0 && expiration <= nowSeconds;
    }

    /** What others see at that moment. */
    public CustomStatus shownAt(long nowSeconds) {
        return expiredAt(nowSeconds) ? NONE : this;
    }
}
