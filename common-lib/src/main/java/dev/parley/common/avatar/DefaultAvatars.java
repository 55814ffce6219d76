package dev.parley.common.avatar;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Generated pictures for users and workspaces without one of their own: initials on a colour taken from the id, as
 * SVG. The URL carries everything the picture shows, so any Parley process answers it without a lookup.
 */
public final class DefaultAvatars {

    /** The sizes Slack's user and team objects name ({@code image_24} … {@code image_512}, team icons up to 230). */
    public static final List<Integer> SIZES = List.of(24, 32, 34, 44, 48, 68, 72, 88, 102, 132, 192, 230, 512);

    private DefaultAvatars() {
    }

    /** The URL of the picture of {@code size} pixels for someone named {@code name}, coloured by {@code id}. */
    public static String url(String publicUrl, String name, String id, int size) {
        String base = publicUrl.endsWith("/") ? publicUrl : publicUrl + "/";
        return base + "avatars/" + URLEncoder.encode(initials(name), StandardCharsets.UTF_8).replace("+", "%20")
                + "/" + hue(id) + "/" + size + ".svg";
    }

    /** Up to two initials: of the first two words. */
    static String initials(String name) {
        String[] words = (name == null ? "" : name.trim()).split("[\\s._-]+");
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            if (!word.isEmpty() && out.codePointCount(0, out.length()) < 2) {
                int cp = word.codePointAt(0);
                if (Character.isLetterOrDigit(cp)) {
                    out.appendCodePoint(cp);
                }
            }
        }
        if (out.isEmpty()) {
            return "?";
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    static int hue(String id) {
        return Math.floorMod(id == null ? 0 : id.hashCode(), 360);
    }

    /** The picture itself; {@code text} and {@code hue} come from a URL and are checked again here. */
    static String svg(String text, int hue, int size) {
        String shown = text.codePoints().filter(Character::isLetterOrDigit).limit(2)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (shown.isEmpty()) {
            shown = "?";
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + size + "\" height=\"" + size
                + "\" viewBox=\"0 0 100 100\"><rect width=\"100\" height=\"100\" rx=\"12\" fill=\"hsl(" + hue
                + ",55%,45%)\"/><text x=\"50\" y=\"50\" dy=\".35em\" text-anchor=\"middle\" font-family=\"sans-serif\" "
                + "font-size=\"42\" fill=\"#fff\">" + shown + "</text></svg>";
    }
}
