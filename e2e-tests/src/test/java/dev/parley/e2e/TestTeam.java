package dev.parley.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A fresh workspace bootstrapped over the Web API: its owner first, then members, each signed in. */
record TestTeam(String teamId, String domain, List<Member> members) {

    /** One signed-in user of the team. */
    record Member(String id, String name, SlackClient api) {
        String token() {
            return api.token();
        }
    }

    static TestTeam create(String apiUrl, int size) {
        String domain = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        SlackClient anonymous = new SlackClient(apiUrl, null);
        JsonNode created = anonymous.ok("workspaces.create", "name", "E2E " + domain, "domain", domain,
                "email", "user0@" + domain + ".test", "password", "correct horse 0", "real_name", "User Zero");
        SlackClient owner = new SlackClient(apiUrl, created.path("token").asString());
        List<Member> members = new ArrayList<>();
        members.add(new Member(created.path("user").path("id").asString(), created.path("user").path("name").asString(), owner));
        for (int i = 1; i < size; i++) {
            JsonNode user = owner.ok("admin.users.create", "email", "user" + i + "@" + domain + ".test",
                    "password", "correct horse " + i, "real_name", "User " + i).path("user");
            JsonNode signedIn = anonymous.ok("auth.signin", "email", "user" + i + "@" + domain + ".test",
                    "password", "correct horse " + i);
            members.add(new Member(user.path("id").asString(), user.path("name").asString(),
                    new SlackClient(apiUrl, signedIn.path("token").asString())));
        }
        return new TestTeam(created.path("team").path("id").asString(), domain, List.copyOf(members));
    }

    Member get(int i) {
        return members.get(i);
    }

    /** One more user, of the given role ({@code member}, {@code guest}, {@code single_channel_guest}), signed in. */
    Member add(String role) {
        SlackClient owner = get(0).api();
        String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain + ".test";
        JsonNode user = owner.ok("admin.users.create", "email", email, "password", "correct horse " + role,
                "role", role).path("user");
        JsonNode signedIn = new SlackClient(owner.baseUrl(), null).ok("auth.signin", "email", email,
                "password", "correct horse " + role, "team", domain);
        return new Member(user.path("id").asString(), user.path("name").asString(),
                owner.withToken(signedIn.path("token").asString()));
    }
}
