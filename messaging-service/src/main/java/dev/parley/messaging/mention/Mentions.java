package dev.parley.messaging.mention;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Slack mentions in message text: {@code <@U…>} (user), {@code <!channel>}, {@code <!here>},
 * {@code <!everyone>} and {@code <!subteam^S…>} (user group), each optionally with a {@code |label}. They are stored
 * with the message as {@code user:U…}, {@code channel}, {@code here}, {@code everyone}, {@code subteam:S…}.
 */
public final class Mentions {

    private static final Pattern MENTION = Pattern.compile("<(@|!)([A-Za-z0-9^]+)(?:\\|[^>]*)?>");

    private Mentions() {
    }

    public static List<String> parse(String text) {
        if (text == null || text.indexOf('<') < 0) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            String target = m.group(2);
            if (m.group(1).equals("@")) {
                if (target.matches("[UW][A-Z0-9]+")) {
                    found.add("user:" + target);
                }
            } else if (target.equals("channel") || target.equals("here") || target.equals("everyone")) {
                found.add(target);
            } else if (target.startsWith("subteam^") && target.length() > 8) {
                found.add("subteam:" + target.substring(8));
            }
        }
        return List.copyOf(found);
    }
}
