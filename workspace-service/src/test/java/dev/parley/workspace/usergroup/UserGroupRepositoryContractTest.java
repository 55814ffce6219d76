package dev.parley.workspace.usergroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.common.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

/** The user group store on every relational store adapter: uniqueness, disabling, members. */
abstract class UserGroupRepositoryContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private UserGroupRepository groups;

    @BeforeEach
    void open() {
        store = createStore();
        groups = new UserGroupRepository(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static UserGroup group(String workspace, String id, String name, String handle) {
        return new UserGroup(workspace, id, name, handle, "", "U1", "U1", null, 100, 100, 0);
    }

    @Test
    void namesAreUniqueIgnoringCaseAndHandlesExactlyPerWorkspace() {
        groups.insert(group("T1", "S1", "Marketing Team", "marketing"));

        assertThat(groups.nameTaken("T1", "marketing TEAM", null)).isTrue();
        assertThat(groups.nameTaken("T1", "marketing TEAM", "S1")).as("its own name").isFalse();
        assertThat(groups.nameTaken("T2", "Marketing Team", null)).isFalse();
        assertThat(groups.handleTaken("T1", "marketing", null)).isTrue();
        assertThat(groups.handleTaken("T1", "sales", null)).isFalse();
        assertThatThrownBy(() -> groups.insert(group("T1", "S2", "MARKETING team", "other")))
                .isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> groups.insert(group("T1", "S3", "Other", "marketing")))
                .isInstanceOf(DuplicateKeyException.class);
        groups.insert(group("T2", "S4", "Marketing Team", "marketing"));
        assertThat(groups.find("T2", "S4")).isPresent();
        assertThat(groups.find("T1", "S4")).as("another workspace's group").isEmpty();
    }

    @Test
    void disabledGroupsAreListedOnlyWhenAskedFor() {
        groups.insert(group("T1", "S1", "Beta", "beta"));
        groups.insert(group("T1", "S2", "alpha", "alpha"));
        UserGroup beta = groups.find("T1", "S1").orElseThrow();
        groups.update(new UserGroup("T1", "S1", "Beta", "beta", "d", "U1", "U2", "U2", 100, 200, 200));

        assertThat(groups.list("T1", false)).extracting(UserGroup::id).containsExactly("S2");
        assertThat(groups.list("T1", true)).extracting(UserGroup::id).containsExactly("S2", "S1");
        UserGroup disabled = groups.find("T1", "S1").orElseThrow();
        assertThat(disabled.disabled()).isTrue();
        assertThat(disabled.deletedBy()).isEqualTo("U2");
        assertThat(disabled.description()).isEqualTo("d");
        assertThat(beta.disabled()).isFalse();
    }

    @Test
    void membersAreReplacedAsAWholeAndReadForSeveralGroups() {
        groups.insert(group("T1", "S1", "One", "one"));
        groups.insert(group("T1", "S2", "Two", "two"));

        groups.setMembers("T1", "S1", List.of("U3", "U1", "U3"));
        groups.setMembers("T1", "S2", List.of("U2"));
        assertThat(groups.members("T1", "S1")).containsExactly("U1", "U3");
        groups.setMembers("T1", "S1", List.of("U2"));
        assertThat(groups.members("T1", "S1")).containsExactly("U2");
        assertThat(groups.members("T1", List.of("S1", "S2", "S9")))
                .containsEntry("S1", List.of("U2")).containsEntry("S2", List.of("U2")).doesNotContainKey("S9");
        assertThat(groups.members("T2", "S1")).isEmpty();
    }
}
