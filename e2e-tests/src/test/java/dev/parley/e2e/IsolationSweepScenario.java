package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Isolation sweeps: every Web API method the topology serves (as its processes list them on
 * {@code /internal/api/methods}) is called by someone who must learn nothing, with the ids of what they must not
 * see in every argument that takes an id. Each answer must be an error that gives no hint, or carry nothing of what
 * is hidden; the hidden data must be unchanged afterwards, and nothing of it may reach the caller's socket.
 *
 * <p>{@link #PLAN} says, per method, which arguments to fill; {@link #argument} fills them by name. A method without a
 * plan fails the sweep, so whoever adds a method says how to sweep it the day it lands. Search and files join the
 * sweeps the same way: their methods need a plan (a {@code query} is filled with the hidden text, a {@code file} with
 * a hidden file once the fixtures can make one), and the private sweep then checks them like every other method.
 */
interface IsolationSweepScenario {

    Duration WAIT = Duration.ofSeconds(20);
    String ALL_TYPES = "public_channel,private_channel,mpim,im";
    /** The reaction every fixture message carries; reaction arguments of the sweep use the same name. */
    String REACTION = "sweep";

    /**
     * Per method, the argument sets it is called with, each a space-separated list of argument names. A set that
     * names {@code channel} is called once per hidden conversation, with that conversation's ids. Search and files
     * come in here when they land, e.g. {@code search.messages} with {@code "query"} (the hidden text) and
     * {@code files.info} with {@code "file"} (which {@link #argument} then needs a hidden file for).
     */
    Map<String, List<String>> PLAN = Map.ofEntries(
            Map.entry("admin.apps.install", List.of("name scopes")),
            Map.entry("admin.apps.list", List.of("")),
            Map.entry("admin.apps.uninstall", List.of("bot_id", "app_id")),
            Map.entry("admin.auditlogs.list", List.of("", "action", "actor", "entity")),
            Map.entry("admin.conversations.convertToPrivate", List.of("channel_id")),
            Map.entry("admin.conversations.convertToPublic", List.of("channel_id")),
            Map.entry("admin.invites.list", List.of("")),
            Map.entry("admin.invites.revoke", List.of("invite_id")),
            Map.entry("admin.users.create", List.of("email password", "email password channel_ids")),
            Map.entry("admin.users.invite", List.of("email", "email channel_ids")),
            Map.entry("apps.webhooks.create", List.of("channel", "channel bot_id")),
            Map.entry("apps.webhooks.list", List.of("")),
            Map.entry("apps.webhooks.revoke", List.of("webhook")),
            Map.entry("bots.info", List.of("bot")),
            Map.entry("admin.users.remove", List.of("user_id", "team_id user_id")),
            Map.entry("admin.users.setActive", List.of("user_id", "team_id user_id")),
            Map.entry("admin.users.setAdmin", List.of("user_id", "team_id user_id")),
            Map.entry("admin.users.setInactive", List.of("user_id", "team_id user_id")),
            Map.entry("admin.users.setOwner", List.of("user_id", "team_id user_id")),
            Map.entry("admin.users.setRegular", List.of("user_id", "team_id user_id")),
            // Only ever with test=true: a real revoke would end the sweeper's own session.
            Map.entry("auth.revoke", List.of("test")),
            Map.entry("auth.acceptInvite", List.of("invite_token password")),
            Map.entry("auth.signin", List.of("email password team")),
            Map.entry("auth.test", List.of("")),
            Map.entry("chat.delete", List.of("channel ts")),
            Map.entry("chat.getPermalink", List.of("channel message_ts")),
            Map.entry("chat.postEphemeral", List.of("channel user text")),
            Map.entry("chat.postMessage", List.of("channel text", "channel text thread_ts")),
            Map.entry("chat.update", List.of("channel ts text")),
            Map.entry("conversations.archive", List.of("channel")),
            Map.entry("conversations.create", List.of("name")),
            Map.entry("conversations.history", List.of("channel")),
            Map.entry("conversations.info", List.of("channel")),
            Map.entry("conversations.invite", List.of("channel users")),
            Map.entry("conversations.join", List.of("channel")),
            Map.entry("conversations.kick", List.of("channel user")),
            Map.entry("conversations.leave", List.of("channel")),
            Map.entry("conversations.list", List.of("types")),
            Map.entry("conversations.mark", List.of("channel ts")),
            Map.entry("conversations.members", List.of("channel")),
            Map.entry("conversations.open", List.of("users", "channel return_im")),
            Map.entry("conversations.rename", List.of("channel name")),
            Map.entry("conversations.replies", List.of("channel ts")),
            Map.entry("conversations.setPurpose", List.of("channel purpose")),
            Map.entry("conversations.setTopic", List.of("channel topic")),
            Map.entry("conversations.unarchive", List.of("channel")),
            Map.entry("dnd.endSnooze", List.of("")),
            Map.entry("files.completeUploadExternal", List.of("files", "files channel_id")),
            Map.entry("files.delete", List.of("file")),
            Map.entry("files.getUploadURLExternal", List.of("filename length")),
            Map.entry("files.info", List.of("file")),
            Map.entry("files.list", List.of("", "channel", "user")),
            Map.entry("files.revokePublicURL", List.of("file")),
            Map.entry("files.sharedPublicURL", List.of("file")),
            Map.entry("files.upload", List.of("content channels", "content channels thread_ts")),
            Map.entry("dnd.info", List.of("user")),
            Map.entry("dnd.setSnooze", List.of("num_minutes")),
            Map.entry("dnd.teamInfo", List.of("users")),
            Map.entry("oauth.v2.access", List.of("grant_type refresh_token")),
            Map.entry("pins.add", List.of("channel timestamp")),
            Map.entry("pins.list", List.of("channel")),
            Map.entry("pins.remove", List.of("channel timestamp")),
            Map.entry("reactions.add", List.of("channel timestamp name")),
            Map.entry("reactions.get", List.of("channel timestamp")),
            Map.entry("reactions.list", List.of("user")),
            Map.entry("reactions.remove", List.of("channel timestamp name")),
            Map.entry("search.all", List.of("query")),
            Map.entry("search.files", List.of("query")),
            Map.entry("search.messages", List.of("query")),
            Map.entry("team.info", List.of("team")),
            Map.entry("users.conversations", List.of("user types")),
            Map.entry("usergroups.create", List.of("name handle")),
            Map.entry("usergroups.disable", List.of("usergroup")),
            Map.entry("usergroups.enable", List.of("usergroup")),
            Map.entry("usergroups.list", List.of("include_users include_count include_disabled")),
            Map.entry("usergroups.update", List.of("usergroup name handle")),
            Map.entry("usergroups.users.list", List.of("usergroup include_disabled")),
            Map.entry("usergroups.users.update", List.of("usergroup users")),
            Map.entry("users.getPresence", List.of("user")),
            Map.entry("users.info", List.of("user")),
            Map.entry("users.list", List.of("")),
            Map.entry("users.lookupByEmail", List.of("email")),
            Map.entry("users.profile.get", List.of("user")),
            Map.entry("users.profile.set", List.of("user profile")),
            Map.entry("users.setPresence", List.of("presence")),
            Map.entry("workspaces.create", List.of("name domain email password")));

    /**
     * Errors that tell the caller something about a conversation or message it may not see: answering one of these
     * instead of {@code channel_not_found} means the method looked at the hidden thing for the caller.
     */
    Set<String> HINTS = Set.of("not_in_channel", "is_archived", "already_archived", "not_archived", "message_not_found",
            "thread_not_found", "already_reacted", "no_reaction", "too_many_reactions", "already_pinned", "no_pin",
            "too_many_pins", "cant_update_message", "cant_delete_message", "already_in_channel", "user_not_in_channel",
            "cant_kick_self", "not_authorized", "method_not_supported_for_channel_type", "cant_invite_self",
            "ura_max_channels", "fatal_error", "cant_delete_file", "file_deleted", "file_already_completed",
            "not_allowed");

    String apiUrl();

    String rtmUrl(int user);

    /** The base URL of every process of the topology. */
    List<String> processUrls();

    /** The secret the processes' {@code /internal/**} endpoints require. */
    String internalSecret();

    /**
     * A conversation someone must not see, with one of its messages (which carries {@link #REACTION}, and is pinned)
     * and a file shared in it.
     */
    record Hidden(String channel, String ts, String replyTs, String file) {
    }

    /** What a sweep hides: its conversations, and the people, team and texts whose appearance in an answer is a leak. */
    record Secrets(String team, String domain, List<String> users, List<Hidden> conversations, List<String> strings) {

        /** Every string that must not appear in an answer to the sweeper. */
        List<String> markers() {
            List<String> all = new ArrayList<>(strings);
            if (team != null) {
                all.add(team);
                all.add(domain);
            }
            all.addAll(users);
            for (Hidden h : conversations) {
                all.add(h.channel());
                all.add(h.ts());
                all.add(h.replyTs());
                all.add(h.file());
            }
            return all;
        }
    }

    /**
     * Who sweeps: their client, their own email and password (some methods take them), and a conversation and people
     * of their own, passed beside the hidden ids so that each kind of id is also checked on its own.
     */
    record Sweeper(String name, SlackClient api, String email, String password, Hidden own, List<String> ownUsers) {
    }

    /** Arguments that name a conversation or one of its messages, and those that name people. */
    Set<String> CONVERSATION_ARGS = Set.of("channel", "channel_id", "channel_ids", "channels", "ts", "timestamp",
            "thread_ts", "message_ts", "file", "files");
    Set<String> PEOPLE_ARGS = Set.of("user", "users", "bot", "bot_id", "app_id", "webhook", "usergroup", "invite_id",
            "invite_token", "actor", "entity");

    // ---- the sweeps ----

    @Test
    default void anotherWorkspaceLearnsNothingThroughAnyMethodAndChangesNothing() {
        TestTeam a = TestTeam.create(apiUrl(), 3);
        TestTeam b = TestTeam.create(apiUrl(), 2);
        Secrets secrets = populate(a);
        Map<String, JsonNode> before = snapshot(a.get(0).api());

        String bChannel = b.get(0).api().ok("conversations.create", "name", "b-home").path("channel").path("id").asString();
        b.get(0).api().ok("conversations.invite", "channel", bChannel, "users", b.get(1).id());
        Sweeper sweeper = new Sweeper("owner of another workspace", b.get(0).api(), "user0@" + b.domain() + ".test",
                "correct horse 0", conversation(b.get(0).api(), bChannel, "B's own"), List.of(b.get(1).id()));
        try (RtmClient bSocket = RtmClient.connect(rtmUrl(1), b.get(0).token());
             RtmClient bResuming = RtmClient.connect(rtmUrl(0) + "?resume=1", b.get(0).token())) {
            bSocket.awaitType("hello");
            bResuming.awaitType("hello");
            sweep(sweeper, secrets, List.of(secrets.users().get(1), secrets.users().get(2)));
            sweepSearch(sweeper, secrets, a.get(0).api(), secrets.strings().subList(0, secrets.conversations().size()));
            sweepFileUrls(sweeper, a.get(0).api(), secrets.conversations());

            // The socket protocol takes channel ids too.
            Hidden first = secrets.conversations().getFirst();
            sweepSocket(bSocket, secrets);
            StringBuilder resume = new StringBuilder("{\"id\":1,\"type\":\"resume\",\"channels\":{");
            for (Hidden h : secrets.conversations()) {
                resume.append(h.equals(first) ? "" : ",").append('"').append(h.channel()).append("\":0");
            }
            bResuming.send(resume.append("}}").toString());
            JsonNode refused = bResuming.awaitReply(1).path("refused");
            for (Hidden h : secrets.conversations()) {
                assertThat(refused.path(h.channel()).asString()).isEqualTo("channel_not_found");
            }

            assertThat(snapshot(a.get(0).api())).as("A's data after the sweep").isEqualTo(before);
            assertFilesIntact(a.get(0).api(), secrets.conversations());

            // A keeps working; none of it reaches B's sockets. The fence: B's own post, which B receives.
            SlackClient ann = a.get(0).api();
            ann.ok("conversations.create", "name", "a-news-" + UUID.randomUUID().toString().substring(0, 6));
            ann.ok("chat.postMessage", "channel", first.channel(), "text", "more of A");
            String fence = b.get(0).api().ok("chat.postMessage", "channel", bChannel, "text", "fence").path("ts").asString();
            for (RtmClient socket : List.of(bSocket, bResuming)) {
                socket.await(f -> fence.equals(f.path("ts").asString("")), WAIT);
                assertNothingOf(secrets, "B's socket", socket.pending().toString());
            }
        }
    }

    @Test
    default void aPrivateConversationIsNotFoundForANonMemberOrAGuestThroughAnyMethodOrSocket() {
        TestTeam team = TestTeam.create(apiUrl(), 3);
        TestTeam.Member ann = team.get(0);
        TestTeam.Member bob = team.get(1);
        TestTeam.Member carol = team.get(2);
        TestTeam.Member gus = team.add("guest");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String lobby = ann.api().ok("conversations.create", "name", "lobby-" + suffix).path("channel").path("id").asString();
        ann.api().ok("conversations.invite", "channel", lobby, "users", bob.id() + "," + gus.id());
        Hidden shared = conversation(ann.api(), lobby, "lobby text " + suffix);
        String vaultName = "vault-" + suffix;
        Hidden vault = conversation(ann.api(), ann.api().ok("conversations.create", "name", vaultName, "is_private", "true")
                .path("channel").path("id").asString(), "vault secret " + suffix);
        ann.api().ok("conversations.invite", "channel", vault.channel(), "users", carol.id());
        String plazaName = "plaza-" + suffix;
        Hidden plaza = conversation(ann.api(), ann.api().ok("conversations.create", "name", plazaName)
                .path("channel").path("id").asString(), "plaza text " + suffix);
        Hidden dm = conversation(ann.api(), ann.api().ok("conversations.open", "users", carol.id())
                .path("channel").path("id").asString(), "dm secret " + suffix);
        List<String> hiddenChannels = List.of(vault.channel(), dm.channel(), plaza.channel());
        Map<String, JsonNode> before = snapshot(ann.api(), hiddenChannels);

        Secrets fromBob = new Secrets(null, null, List.of(), List.of(vault, dm),
                List.of(vaultName, "vault secret " + suffix, "dm secret " + suffix));
        Secrets fromGus = new Secrets(null, null, List.of(), List.of(vault, dm, plaza),
                List.of(vaultName, "vault secret " + suffix, "dm secret " + suffix, plazaName, "plaza text " + suffix));
        try (RtmClient bobSocket = RtmClient.connect(rtmUrl(0), bob.token());
             RtmClient gusSocket = RtmClient.connect(rtmUrl(1), gus.token())) {
            bobSocket.awaitType("hello");
            gusSocket.awaitType("hello");
            record Observer(Sweeper who, Secrets secrets, RtmClient socket) {
            }
            for (Observer observer : List.of(
                    new Observer(new Sweeper("a member outside", bob.api(), null, null, shared, List.of(ann.id())),
                            fromBob, bobSocket),
                    new Observer(new Sweeper("a guest", gus.api(), null, null, shared, List.of(ann.id())),
                            fromGus, gusSocket))) {
                Sweeper who = observer.who();
                Secrets secrets = observer.secrets();
                // What a reader would try first: each answer is exactly channel_not_found.
                for (Hidden h : secrets.conversations()) {
                    for (String[] call : List.of(
                            new String[] {"conversations.history", "channel", h.channel()},
                            new String[] {"conversations.replies", "channel", h.channel(), "ts", h.ts()},
                            new String[] {"chat.getPermalink", "channel", h.channel(), "message_ts", h.replyTs()},
                            new String[] {"reactions.get", "channel", h.channel(), "timestamp", h.ts()},
                            new String[] {"pins.list", "channel", h.channel()},
                            new String[] {"conversations.info", "channel", h.channel()},
                            new String[] {"conversations.members", "channel", h.channel()})) {
                        JsonNode answer = who.api().call(call[0], Arrays.copyOfRange(call, 1, call.length));
                        assertThat(answer.path("error").asString("")).as("%s of %s by %s: %s", call[0], h.channel(),
                                who.name(), answer).isEqualTo("channel_not_found");
                    }
                }
                // Lists, including those about someone who is in the hidden conversations.
                for (String[] call : List.of(new String[] {"conversations.list", "types", ALL_TYPES},
                        new String[] {"users.conversations", "types", ALL_TYPES},
                        new String[] {"users.conversations", "types", ALL_TYPES, "user", ann.id()},
                        new String[] {"reactions.list", "user", ann.id()},
                        new String[] {"reactions.list"})) {
                    JsonNode answer = who.api().ok(call[0], Arrays.copyOfRange(call, 1, call.length));
                    assertNothingOf(secrets, call[0] + " by " + who.name(), answer.toString());
                }
                // And every method there is, with the hidden conversations' ids, and the socket's frames.
                sweep(who, secrets, List.of(ann.id()));
                sweepSearch(who, secrets, ann.api(), secrets.strings().stream()
                        .filter(t -> t.contains(" secret ") || t.contains(" text ")).toList());
                sweepFileUrls(who, ann.api(), secrets.conversations());
                sweepSocket(observer.socket(), secrets);
            }
            assertThat(snapshot(ann.api(), hiddenChannels))
                    .as("the hidden conversations after the sweep").isEqualTo(before);
            assertFilesIntact(ann.api(), List.of(vault, dm, plaza));

            // Live: what happens in the hidden conversations, and a new public channel, reaches neither socket (the
            // guest's) before a later event each of them does receive.
            ann.api().ok("chat.postMessage", "channel", vault.channel(), "text", "vault secret " + suffix + " again");
            ann.api().ok("reactions.add", "channel", vault.channel(), "timestamp", vault.ts(), "name", "eyes");
            ann.api().ok("conversations.setTopic", "channel", vault.channel(), "topic", "vault secret " + suffix);
            ann.api().ok("chat.postMessage", "channel", dm.channel(), "text", "dm secret " + suffix + " again");
            ann.api().ok("chat.postMessage", "channel", plaza.channel(), "text", "plaza text " + suffix + " again");
            String news = ann.api().ok("conversations.create", "name", "news-" + suffix).path("channel").path("id").asString();
            bobSocket.await(f -> "channel_created".equals(f.path("type").asString(""))
                    && news.equals(f.path("channel").path("id").asString("")), WAIT);
            String fence = ann.api().ok("chat.postMessage", "channel", lobby, "text", "fence").path("ts").asString();
            Predicate<JsonNode> fenced = f -> fence.equals(f.path("ts").asString(""));
            bobSocket.await(fenced, WAIT);
            gusSocket.await(fenced, WAIT);
            assertNothingOf(fromBob, "a member's socket", bobSocket.pending().toString());
            assertNothingOf(fromGus, "a guest's socket", gusSocket.pending().toString());
            assertThat(gusSocket.pending().toString()).as("a new public channel, to a guest").doesNotContain(news);
        }
    }

    // ---- the sweep itself ----

    /**
     * Calls every method the topology serves, as planned, with the hidden ids; {@code users} are the ids passed where
     * a method takes people. A method that takes both a conversation and people is also called with each kind hidden
     * alone, the other kind the sweeper's own (inviting a stranger into one's own channel must fail too).
     */
    private void sweep(Sweeper who, Secrets secrets, List<String> users) {
        Set<String> served = servedMethods();
        assertThat(served).as("methods served").contains("chat.postMessage", "users.list");
        assertThat(new TreeSet<>(served)).as("served methods without a sweep plan in IsolationSweepScenario.PLAN; "
                + "add which arguments take ids").allSatisfy(m -> assertThat(PLAN).containsKey(m));
        int calls = 0;
        for (String method : served) {
            for (String shape : PLAN.get(method)) {
                List<String> names = shape.isBlank() ? List.of() : List.of(shape.split(" "));
                boolean conversation = names.stream().anyMatch(CONVERSATION_ARGS::contains);
                boolean people = names.stream().anyMatch(PEOPLE_ARGS::contains);
                Set<List<String>> done = new java.util.HashSet<>();
                // Which kinds are hidden in each call: both, then (when a method takes both) each alone.
                for (boolean[] hide : conversation && people
                        ? List.of(new boolean[] {true, true}, new boolean[] {true, false}, new boolean[] {false, true})
                        : List.of(new boolean[] {true, true})) {
                    List<Hidden> targets = !conversation ? Arrays.asList((Hidden) null)
                            : hide[0] ? secrets.conversations() : List.of(who.own());
                    for (Hidden target : targets) {
                        List<String> args = new ArrayList<>();
                        for (String name : names) {
                            args.add(name);
                            args.add(argument(name, who, secrets, target, hide[1] ? users : who.ownUsers()));
                        }
                        if (!done.add(args)) {
                            continue;
                        }
                        JsonNode answer = who.api().call(method, args.toArray(String[]::new));
                        calls++;
                        String what = method + " " + args + " by " + who.name();
                        if (!answer.path("ok").asBoolean()) {
                            assertThat(answer.path("error").asString("")).as("%s answered %s", what, answer).isNotEmpty();
                            if (!conversation || hide[0]) {
                                assertThat(answer.path("error").asString("")).as("%s answered %s", what, answer)
                                        .isNotIn(HINTS);
                            }
                        }
                        assertNothingOf(secrets, what, withoutEchoedQuery(answer).toString());
                    }
                }
            }
        }
        assertThat(calls).isGreaterThanOrEqualTo(served.size());
    }

    /**
     * Searches for each hidden text, alone and narrowed to each hidden conversation, once {@code control} (who may
     * read them all) finds it, so the index holds what the sweeper must not find. Does nothing where search is not
     * served.
     */
    private void sweepSearch(Sweeper who, Secrets secrets, SlackClient control, List<String> texts) {
        if (!servedMethods().contains("search.messages")) {
            return;
        }
        for (String text : texts) {
            java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofSeconds(30));
            while (!control.ok("search.messages", "query", "\"" + text + "\"").toString().contains(text)) {
                assertThat(java.time.Instant.now()).as("the index never showed %s to its reader", text).isBefore(deadline);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            List<String> queries = new ArrayList<>(List.of(text, "\"" + text + "\""));
            for (Hidden h : secrets.conversations()) {
                queries.add(text + " in:<#" + h.channel() + ">");
            }
            for (String query : queries) {
                for (String method : List.of("search.messages", "search.all", "search.files")) {
                    JsonNode answer = who.api().call(method, "query", query, "highlight", "true");
                    assertNothingOf(secrets, method + " '" + query + "' by " + who.name(), withoutEchoedQuery(answer).toString());
                }
            }
        }
    }

    /** The value of one argument: the given ids where it takes an id, a harmless valid value elsewhere. */
    private static String argument(String name, Sweeper who, Secrets secrets, Hidden target, List<String> users) {
        return switch (name) {
            case "channel", "channel_id", "channel_ids" -> target.channel();
            case "ts", "timestamp", "thread_ts" -> target.ts();
            case "message_ts" -> target.replyTs();
            case "channels" -> target.channel();
            case "file" -> target.file();
            case "files" -> "[{\"id\":\"" + target.file() + "\",\"title\":\"from the sweep\"}]";
            case "filename" -> "sweep.txt";
            case "length" -> "16";
            case "content" -> "from the sweep";
            case "user", "user_id" -> users.getFirst();
            case "team_id" -> secrets.team() == null ? "" : secrets.team();
            case "test" -> "true";
            case "grant_type" -> "refresh_token";
            case "refresh_token" -> "xoxe-1-" + (secrets.team() == null ? "T0" : secrets.team()) + "-" + "0".repeat(64);
            case "users" -> String.join(",", users);
            case "team" -> secrets.team() == null ? "" : secrets.team();
            case "domain" -> secrets.domain() == null ? "sweep-" + UUID.randomUUID().toString().substring(0, 6) : secrets.domain();
            case "query" -> secrets.strings().getFirst();
            case "email" -> who.email() == null ? "sweep-" + UUID.randomUUID() + "@sweep.test" : who.email();
            case "password" -> who.password() == null ? "sweep password" : who.password();
            case "name" -> REACTION;
            case "text", "topic", "purpose" -> "from the sweep";
            case "types" -> ALL_TYPES;
            case "presence" -> "away";
            case "num_minutes" -> "5";
            case "profile" -> "{\"status_text\":\"from the sweep\"}";
            case "return_im" -> "true";
            case "scopes" -> "chat:write";
            // The hidden workspace's people stand in for its bots, apps, webhooks, user groups and invitations: ids
            // that exist, just not here.
            case "bot", "bot_id", "app_id", "webhook", "usergroup", "invite_id", "invite_token", "actor", "entity" ->
                    users.getFirst();
            case "handle" -> "sweep-" + UUID.randomUUID().toString().substring(0, 6);
            case "action" -> "user_login";
            case "include_users", "include_count", "include_disabled" -> "true";
            default -> throw new AssertionError("The sweep cannot fill argument '" + name + "': add it to argument()");
        };
    }

    /** The socket's own frames that take a channel: each refused as if the channel did not exist. */
    private static void sweepSocket(RtmClient socket, Secrets secrets) {
        int id = 900;
        for (Hidden h : secrets.conversations()) {
            for (String frame : List.of(
                    "{\"type\":\"message\",\"channel\":\"" + h.channel() + "\",\"text\":\"from the sweep\"}",
                    "{\"type\":\"message\",\"channel\":\"" + h.channel() + "\",\"text\":\"x\",\"thread_ts\":\"" + h.ts() + "\"}",
                    "{\"type\":\"mark\",\"channel\":\"" + h.channel() + "\",\"ts\":\"" + h.ts() + "\"}",
                    "{\"type\":\"typing\",\"channel\":\"" + h.channel() + "\"}")) {
                id++;
                socket.send(frame.replaceFirst("\\{", "{\"id\":" + id + ","));
                JsonNode reply = socket.awaitReply(id);
                assertThat(reply.path("error").path("msg").asString("")).as("%s answered %s", frame, reply)
                        .isEqualTo("channel_not_found");
            }
        }
    }

    /** The hidden files' URLs, as their owner is given them, answer the sweeper 404: no bytes, no hint. */
    private static void sweepFileUrls(Sweeper who, SlackClient owner, List<Hidden> hidden) {
        HttpClient http = HttpClient.newHttpClient();
        for (Hidden h : hidden) {
            JsonNode file = owner.ok("files.info", "file", h.file()).path("file");
            for (String field : List.of("url_private", "url_private_download")) {
                String url = file.path(field).asString("");
                assertThat(url).as("%s of %s", field, h.file()).isNotEmpty();
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + who.api().token()).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).as("%s of a hidden file, to %s", field, who.name()).isEqualTo(404);
                    assertThat(answer.body()).doesNotContain("(file)");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Each hidden file is still there, private, as its owner sees it (its object changes as processing ends). */
    private static void assertFilesIntact(SlackClient owner, List<Hidden> hidden) {
        for (Hidden h : hidden) {
            JsonNode file = owner.ok("files.info", "file", h.file()).path("file");
            assertThat(file.path("public_url_shared").asBoolean()).as("file %s made public", h.file()).isFalse();
            assertThat(file.path("title").asString()).as("file %s retitled", h.file()).endsWith(" (file)");
        }
    }

    /** The answer without search's echo of the caller's own {@code query}: repeating what one typed leaks nothing. */
    private static JsonNode withoutEchoedQuery(JsonNode answer) {
        if (!answer.has("query") || !(answer.deepCopy() instanceof tools.jackson.databind.node.ObjectNode copy)) {
            return answer;
        }
        copy.remove("query");
        return copy;
    }

    private static void assertNothingOf(Secrets secrets, String what, String answer) {
        for (String marker : secrets.markers()) {
            assertThat(answer).as("%s leaks %s", what, marker).doesNotContain(marker);
        }
    }

    /** The Web API methods served, the union of what every process lists on its guarded internal endpoint. */
    private Set<String> servedMethods() {
        HttpClient http = HttpClient.newHttpClient();
        Set<String> names = new TreeSet<>();
        for (String base : processUrls()) {
            URI uri = URI.create(base + "/internal/api/methods");
            try {
                HttpResponse<String> unguarded = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(unguarded.statusCode()).as("%s without the internal secret", uri).isEqualTo(403);
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri)
                        .header("X-Parley-Internal", internalSecret()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("%s: %s", uri, answer.body()).isEqualTo(200);
                SlackClient.JSON.readTree(answer.body()).path("methods")
                        .forEach(m -> names.add(m.path("name").asString()));
            } catch (IOException e) {
                throw new AssertionError(uri + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return names;
    }

    // ---- fixtures ----

    /**
     * Fills workspace A with a public and a private channel, a DM and a group DM, each with a message carrying a
     * secret text, a reaction and a pin, and a thread reply; the owner also sets a status.
     */
    private static Secrets populate(TestTeam a) {
        SlackClient ann = a.get(0).api();
        SlackClient bob = a.get(1).api();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        List<String> strings = new ArrayList<>();
        List<Hidden> hidden = new ArrayList<>();
        String pub = ann.ok("conversations.create", "name", "a-pub-" + suffix).path("channel").path("id").asString();
        bob.ok("conversations.join", "channel", pub);
        String priv = ann.ok("conversations.create", "name", "a-priv-" + suffix, "is_private", "true")
                .path("channel").path("id").asString();
        ann.ok("conversations.invite", "channel", priv, "users", a.get(1).id());
        String im = ann.ok("conversations.open", "users", a.get(1).id()).path("channel").path("id").asString();
        String mpim = ann.ok("conversations.open", "users", a.get(1).id() + "," + a.get(2).id())
                .path("channel").path("id").asString();
        for (String channel : List.of(pub, priv, im, mpim)) {
            String text = "A secret " + UUID.randomUUID();
            strings.add(text);
            hidden.add(conversation(ann, channel, text));
        }
        strings.add("a-pub-" + suffix);
        strings.add("a-priv-" + suffix);
        ann.ok("users.profile.set", "profile", "{\"status_text\":\"A status " + suffix + "\"}");
        strings.add("A status " + suffix);
        return new Secrets(a.teamId(), a.domain(), a.members().stream().map(TestTeam.Member::id).toList(),
                List.copyOf(hidden), List.copyOf(strings));
    }

    /** A message with the secret text in the conversation, reacted to, pinned, and answered in its thread. */
    private static Hidden conversation(SlackClient owner, String channel, String text) {
        String ts = owner.ok("chat.postMessage", "channel", channel, "text", text).path("ts").asString();
        owner.ok("reactions.add", "channel", channel, "timestamp", ts, "name", REACTION);
        owner.ok("pins.add", "channel", channel, "timestamp", ts);
        String reply = owner.ok("chat.postMessage", "channel", channel, "text", text + " (reply)", "thread_ts", ts)
                .path("ts").asString();
        String file = owner.ok("files.upload", "channels", channel, "content", text + " (file)", "filename", "secret.txt",
                "title", text + " (file)").path("file").path("id").asString();
        return new Hidden(channel, ts, reply, file);
    }

    /** What the owner sees of the workspace, call by call, to compare before and after a sweep. */
    private static Map<String, JsonNode> snapshot(SlackClient owner) {
        JsonNode channels = owner.ok("conversations.list", "types", ALL_TYPES, "limit", "1000");
        Map<String, JsonNode> seen = snapshot(owner,
                channels.path("channels").valueStream().map(c -> c.path("id").asString()).toList());
        seen.put("conversations.list", channels.path("channels"));
        JsonNode users = owner.ok("users.list").path("members");
        seen.put("users.list", users);
        for (JsonNode user : users) {
            String id = user.path("id").asString();
            seen.put("users.profile.get " + id, owner.ok("users.profile.get", "user", id).path("profile"));
            seen.put("dnd.info " + id, owner.ok("dnd.info", "user", id));
        }
        seen.put("team.info", owner.ok("team.info").path("team"));
        return seen;
    }

    /** What the owner sees of these conversations: each one's info, history, threads, members and pins. */
    private static Map<String, JsonNode> snapshot(SlackClient owner, List<String> channelIds) {
        Map<String, JsonNode> seen = new LinkedHashMap<>();
        for (String id : channelIds) {
            seen.put("conversations.info " + id, owner.ok("conversations.info", "channel", id, "include_num_members", "true")
                    .path("channel"));
            JsonNode history = owner.ok("conversations.history", "channel", id, "limit", "999");
            seen.put("conversations.history " + id, history.path("messages"));
            seen.put("conversations.members " + id, owner.ok("conversations.members", "channel", id).path("members"));
            seen.put("pins.list " + id, owner.ok("pins.list", "channel", id).path("items"));
            for (JsonNode message : history.path("messages")) {
                if (message.path("reply_count").asInt(0) > 0) {
                    String ts = message.path("ts").asString();
                    seen.put("conversations.replies " + id + " " + ts,
                            owner.ok("conversations.replies", "channel", id, "ts", ts).path("messages"));
                }
            }
        }
        return seen;
    }
}
