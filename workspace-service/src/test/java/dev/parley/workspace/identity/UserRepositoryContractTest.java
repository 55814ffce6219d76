package dev.parley.workspace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workspaces and users on every relational store adapter: lookups by email and domain, deactivation, roles. */
abstract class UserRepositoryContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private UserRepository users;
    private WorkspaceRepository workspaces;

    @BeforeEach
    void open() {
        store = createStore();
        users = new UserRepository(store.jdbc());
        workspaces = new WorkspaceRepository(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static User user(String workspace, String id, String email, String role) {
        return new User(workspace, id, email, id.toLowerCase(), "Name " + id, "$2a$10$hash-of-" + id, role, false, 1, false);
    }

    @Test
    void anEmailIsOncePerWorkspaceAndFoundInEveryWorkspace() {
        assertThat(users.insert(user("T1", "U1", "ann@x.test", User.OWNER))).isTrue();
        assertThat(users.insert(user("T2", "U2", "ann@x.test", User.MEMBER))).isTrue();
        assertThat(users.insert(user("T1", "U3", "ann@x.test", User.MEMBER))).as("same email, same workspace").isFalse();
        assertThat(users.find("T1", "U3")).isEmpty();
        assertThat(users.usersForEmail("ann@x.test")).extracting(User::workspaceId, User::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("T1", "U1"), org.assertj.core.groups.Tuple.tuple("T2", "U2"));
        assertThat(users.usersForEmail("nobody@x.test")).isEmpty();
        assertThat(users.find("T2", "U1")).as("another workspace's user").isEmpty();
    }

    @Test
    void deactivationAndRolesAreStoredPerAccount() {
        users.insert(user("T1", "U1", "ann@x.test", User.OWNER));
        users.insert(user("T1", "U2", "bob@x.test", User.OWNER));
        users.insert(user("T2", "U3", "ann@x.test", User.OWNER));
        assertThat(users.activeOwners("T1")).isEqualTo(2);

        assertThat(users.setDeleted("T1", "U2", true)).isTrue();
        assertThat(users.find("T1", "U2").orElseThrow().deleted()).isTrue();
        assertThat(users.activeOwners("T1")).as("a deactivated owner does not count").isEqualTo(1);
        assertThat(users.setDeleted("T1", "U2", false)).isTrue();
        assertThat(users.activeOwners("T1")).isEqualTo(2);

        assertThat(users.setRole("T1", "U1", User.ADMIN)).isTrue();
        assertThat(users.find("T1", "U1").orElseThrow().role()).isEqualTo(User.ADMIN);
        assertThat(users.find("T2", "U3").orElseThrow().role()).as("same email elsewhere").isEqualTo(User.OWNER);
        assertThat(users.activeOwners("T1")).isEqualTo(1);

        assertThat(users.setRole("T1", "U9", User.ADMIN)).isFalse();
        assertThat(users.setDeleted("T2", "U1", true)).as("not in that workspace").isFalse();
    }

    @Test
    void aWorkspaceRowCanBeLockedAndItsDomainIsUnique() {
        assertThat(workspaces.insert(new Workspace("T1", "One", "one", 1))).isTrue();
        assertThat(workspaces.insert(new Workspace("T2", "Other", "one", 1))).isFalse();
        assertThat(workspaces.idForDomain("one")).contains("T1");
        boolean existing = store.tx().execute(s -> workspaces.lock("T1"));
        boolean missing = store.tx().execute(s -> workspaces.lock("T9"));
        assertThat(existing).isTrue();
        assertThat(missing).isFalse();
        assertThat(users.list("T1", "", 10)).isEqualTo(List.of());
    }
}
