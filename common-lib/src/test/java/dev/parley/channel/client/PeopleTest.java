package dev.parley.channel.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.auth.Caller;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Who sees whom: members everyone without asking anyone, guests only the people the channel service names. */
class PeopleTest {

    private final List<ChannelClient.CoMembersQuery> asked = new ArrayList<>();

    /** A channel service in which the guest shares conversations with the users whose id ends in an even digit. */
    private final ChannelClient channels = (ChannelClient) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ChannelClient.class}, (proxy, method, args) -> {
                ChannelClient.CoMembersQuery query = (ChannelClient.CoMembersQuery) args[0];
                asked.add(query);
                List<String> candidates = query.among().isEmpty()
                        ? IntStream.range(0, 20).mapToObj(i -> "U" + (100 + i)).toList() : query.among();
                return new ChannelClient.Users(candidates.stream()
                        .filter(u -> u.equals(query.userId()) || (u.charAt(u.length() - 1) - '0') % 2 == 0)
                        .filter(u -> u.compareTo(query.afterUserId()) > 0)
                        .sorted().limit(query.limit()).toList());
            });
    private final People people = new People(() -> channels);

    @Test
    void fullMembersSeeEveryoneWithoutACall() {
        for (String role : List.of("owner", "admin", "member")) {
            Caller caller = new Caller("T1", "U1", role);
            assertThat(people.visible(caller, List.of("U3", "U5"))).containsExactly("U3", "U5");
            assertThat(people.sees(caller, "U7")).isTrue();
            assertThat(people.page(caller, "", 10)).isEmpty();
        }
        assertThat(asked).isEmpty();
    }

    @Test
    void aGuestSeesOnlyWhomTheChannelServiceNamesInTheOrderGiven() {
        for (String role : List.of("guest", "single_channel_guest")) {
            Caller guest = new Caller("T1", "U1", role);
            assertThat(people.visible(guest, List.of("U4", "U3", "U1", "U2", "U4"))).containsExactly("U4", "U1", "U2", "U4");
            assertThat(people.sees(guest, "U3")).isFalse();
            assertThat(people.sees(guest, null)).isFalse();
            assertThat(people.page(guest, "U104", 3)).contains(List.of("U106", "U108", "U110"));
        }
    }

    @Test
    void longListsAreAskedInBatches() {
        Caller guest = new Caller("T1", "U1", "guest");
        List<String> many = IntStream.range(0, People.BATCH + 10).mapToObj(i -> "U" + (10_000 + i)).toList();
        assertThat(people.visible(guest, many)).hasSize((People.BATCH + 10) / 2);
        assertThat(asked).extracting(q -> q.among().size()).containsExactly(People.BATCH, 10);
    }
}
