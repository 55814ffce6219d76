package dev.parley.messaging.mention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void findsUsersBroadcastsAndUserGroupsOnceEach() {
        assertThat(Mentions.parse("hi <@U123ABC> and <@U123ABC|ann>, <!here> <!channel> <!everyone> <!subteam^S9ZZ|@devs>"))
                .containsExactly("user:U123ABC", "here", "channel", "everyone", "subteam:S9ZZ");
    }

    @Test
    void ignoresWhatOnlyLooksLikeAMention() {
        assertThat(Mentions.parse("a < b, <#C123|general>, <https://example.com|link>, <@lowercase>, <!date^123>, <!subteam^>"))
                .isEmpty();
        assertThat(Mentions.parse(null)).isEmpty();
        assertThat(Mentions.parse("plain text")).isEmpty();
    }
}
