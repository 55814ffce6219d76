package dev.parley.workspace.invite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.testing.TestStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The invitation store on every relational store adapter: token lookup, single use, renewal, listing. */
abstract class InvitationRepositoryContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private InvitationRepository invitations;

    @BeforeEach
    void open() {
        store = createStore();
        invitations = new InvitationRepository(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Invitation invitation(String workspace, String id, String email, String tokenHash, long expiresAt) {
        return new Invitation(workspace, id, email, "Gus Guest", "guest", List.of("C1", "G2"), "U1", tokenHash,
                Invitation.PENDING, null, 100, 100, expiresAt);
    }

    @Test
    void anInvitationIsFoundByItsTokenHashWithItsChannels() {
        assertThat(invitations.insert(invitation("T1", "I1", "gus@example.test", "hash-1", 1000))).isTrue();

        Invitation found = invitations.byTokenHash("hash-1").orElseThrow();
        assertThat(found.workspaceId()).isEqualTo("T1");
        assertThat(found.email()).isEqualTo("gus@example.test");
        assertThat(found.role()).isEqualTo("guest");
        assertThat(found.channelIds()).containsExactly("C1", "G2");
        assertThat(found.expiresAt()).isEqualTo(1000);
        assertThat(invitations.byTokenHash("hash-2")).isEmpty();
        assertThat(invitations.insert(invitation("T2", "I9", "x@example.test", "hash-1", 1000)))
                .as("a token hash is never reused").isFalse();
        assertThat(invitations.find("T2", "I9")).isEmpty();
    }

    @Test
    void closingWorksOnceSoATokenIsSingleUse() {
        invitations.insert(invitation("T1", "I1", "gus@example.test", "hash-1", 1000));

        assertThat(invitations.close("T1", "I1", Invitation.ACCEPTED, "U7")).isTrue();
        assertThat(invitations.close("T1", "I1", Invitation.ACCEPTED, "U8")).isFalse();
        assertThat(invitations.close("T1", "I1", Invitation.REVOKED, null)).isFalse();
        Invitation closed = invitations.byTokenHash("hash-1").orElseThrow();
        assertThat(closed.state()).isEqualTo(Invitation.ACCEPTED);
        assertThat(closed.acceptedUser()).isEqualTo("U7");
        assertThat(invitations.pendingFor("T1", "gus@example.test")).isEmpty();
    }

    @Test
    void aRenewedInvitationAnswersOnlyToItsNewToken() {
        Invitation first = invitation("T1", "I1", "gus@example.test", "old", 1000);
        invitations.insert(first);

        assertThat(invitations.renew(first, "new", 500, 2000)).isTrue();
        assertThat(invitations.byTokenHash("old")).isEmpty();
        Invitation renewed = invitations.byTokenHash("new").orElseThrow();
        assertThat(renewed.expiresAt()).isEqualTo(2000);
        assertThat(renewed.sentAt()).isEqualTo(500);
        assertThat(renewed.createdAt()).isEqualTo(100);
    }

    @Test
    void pendingListsUnexpiredOpenInvitationsOfOneWorkspaceInPages() {
        invitations.insert(invitation("T1", "I1", "a@example.test", "h1", 1000));
        invitations.insert(invitation("T1", "I2", "b@example.test", "h2", 50));
        invitations.insert(invitation("T1", "I3", "c@example.test", "h3", 1000));
        invitations.insert(invitation("T1", "I4", "d@example.test", "h4", 1000));
        invitations.insert(invitation("T2", "I5", "e@example.test", "h5", 1000));
        invitations.close("T1", "I3", Invitation.REVOKED, null);

        assertThat(invitations.pending("T1", 100, "", 10)).extracting(Invitation::id).containsExactly("I1", "I4");
        assertThat(invitations.pending("T1", 100, "", 1)).extracting(Invitation::id).containsExactly("I1");
        assertThat(invitations.pending("T1", 100, "I1", 10)).extracting(Invitation::id).containsExactly("I4");
        assertThat(invitations.pendingFor("T1", "b@example.test")).as("expired but still pending").isPresent();
        assertThat(invitations.pendingFor("T2", "a@example.test")).isEmpty();
    }
}
