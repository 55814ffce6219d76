package dev.parley.workspace.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.testing.TestStore;
import dev.parley.workspace.client.WorkspaceClient.UserName;
import dev.parley.workspace.identity.User;
import dev.parley.workspace.identity.UserRepository;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Users looked up by name, display name and id for other services (search's {@code from:@name}), on every relational
 * store adapter: the user and profile queries behind them together.
 */
abstract class UserDirectoryContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private AnnotationConfigApplicationContext context;
    private UserRepository users;
    private ProfileRepository profiles;
    private UserDirectory directory;

    @BeforeEach
    void open() {
        store = createStore();
        context = new AnnotationConfigApplicationContext();
        context.registerBean(JdbcClient.class, store::jdbc);
        context.register(UserRepository.class, ProfileRepository.class, UserDirectory.class);
        context.refresh();
        users = context.getBean(UserRepository.class);
        profiles = context.getBean(ProfileRepository.class);
        directory = context.getBean(UserDirectory.class);
    }

    @AfterEach
    void close() {
        context.close();
        store.close();
    }

    private void user(String workspace, String id, String name, boolean deleted) {
        users.insert(new User(workspace, id, name + "@x.test", name, "Real " + name, "$2a$10$hash", User.MEMBER,
                deleted, 1, false));
    }

    @Test
    void namesMatchHandlesAndDisplayNamesIgnoringCaseDeactivatedUsersIncluded() {
        user("T1", "U1", "ann", false);
        user("T1", "U2", "bob", false);
        user("T1", "U3", "carl", true);
        user("T2", "U9", "ann", false);
        profiles.save("T1", "U2", new Profile("Bobby Tables", "", "", "Europe/Zurich", 1));
        profiles.save("T1", "U1", new Profile("Annie", "", "", "", 1));

        assertThat(directory.byName("T1", List.of("ANN", "carl"))).containsExactly(
                new UserName("U1", "ann", "Annie", ""), new UserName("U3", "carl", "", ""));
        assertThat(directory.byName("T1", List.of("bobby tables"))).containsExactly(
                new UserName("U2", "bob", "Bobby Tables", "Europe/Zurich"));
        assertThat(directory.byName("T1", List.of("annie", "ann"))).as("one user found twice is listed once")
                .extracting(UserName::userId).containsExactly("U1");
        assertThat(directory.byName("T1", List.of("nobody", " "))).isEmpty();
        assertThat(directory.byName("T2", List.of("ann"))).as("another workspace's ann")
                .extracting(UserName::userId).containsExactly("U9");
    }

    @Test
    void idsComeBackInTheOrderGivenWithTheirTimeZones() {
        user("T1", "U1", "ann", false);
        user("T1", "U2", "bob", true);
        user("T2", "U9", "zed", false);
        profiles.save("T1", "U1", new Profile("", "", "", "America/New_York", 1));

        assertThat(directory.byId("T1", List.of("U2", "U9", "U1", "U2"))).containsExactly(
                new UserName("U2", "bob", "", ""), new UserName("U1", "ann", "", "America/New_York"));
        assertThat(directory.byId("T1", List.of())).isEmpty();
    }
}
