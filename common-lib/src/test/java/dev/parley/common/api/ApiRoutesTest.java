package dev.parley.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which service a forwarding process sends each Web API method to. */
class ApiRoutesTest {

    @Test
    void adminMethodsGoToTheWorkspaceServiceExceptThoseThatChangeChannels() {
        assertThat(ApiRoutes.owner("admin.users.setAdmin")).contains(ApiRoutes.owner("auth.test").orElseThrow());
        assertThat(ApiRoutes.owner("admin.conversations.convertToPrivate"))
                .contains(ApiRoutes.owner("conversations.info").orElseThrow());
        assertThat(ApiRoutes.owner("admin.conversations.convertToPublic"))
                .isEqualTo(ApiRoutes.owner("conversations.archive"));
        assertThat(ApiRoutes.owner("admin.conversations.convertToPublic")).isNotEqualTo(ApiRoutes.owner("admin.apps.list"));
    }
}
