package dev.parley.search.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.Gson;
import com.slack.api.methods.response.search.SearchAllResponse;
import com.slack.api.methods.response.search.SearchFilesResponse;
import com.slack.api.methods.response.search.SearchMessagesResponse;
import com.slack.api.model.MatchedItem;
import com.slack.api.util.json.GsonFactory;
import dev.parley.common.api.ApiMethod;
import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.ApiResult;
import dev.parley.common.api.ApiRoutes;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.MemberRole;
import dev.parley.common.auth.Scopes;
import dev.parley.common.auth.TokenKind;
import dev.parley.common.json.SlackJson;
import dev.parley.common.role.Role;
import dev.parley.search.api.SearchWorld.Conversation;
import dev.parley.search.api.SearchWorld.Person;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code search.*} Web API methods: their arguments, Slack's errors, and answers that the official Java SDK's
 * response models parse field by field. The dispatcher and HTTP are the end-to-end tests'; here the answer is
 * serialized as the dispatcher does, behind {@code "ok":true}.
 */
class SearchApiTest {

    private static final Gson SDK = GsonFactory.createSnakeCase();

    @TempDir
    Path dir;

    private SearchWorld world;
    private SearchApi api;
    private Person ann;
    private Person bob;
    private Conversation general;
    private Conversation dm;

    @BeforeEach
    void open() {
        world = new SearchWorld(dir);
        api = new SearchApi(world.search);
        ann = world.person("T0API", "U0ANN", "ann", MemberRole.MEMBER);
        bob = world.person("T0API", "U0BOB", "bob", MemberRole.MEMBER);
        general = world.channel("T0API", "C0GENERAL", "general", "channel", ann, bob);
        dm = world.channel("T0API", "D0ANNBOB", null, "im", ann, bob);
        for (int i = 0; i < 25; i++) {
            world.index(world.msg(general, ann, 1_773_550_000L + i, "release train " + i));
        }
        world.index(world.msg(dm, bob, 1_773_560_000L, "release notes for you"));
    }

    @AfterEach
    void close() {
        world.close();
    }

    private ApiRequest request(String method, Person caller, String... params) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        return new ApiRequest(method, map, caller.caller());
    }

    private static String json(ApiResult result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.putAll(result.fields());
        return SlackJson.write(answer);
    }

    @Test
    void searchMessagesAnswersInTheShapeTheSdkParses() {
        String json = json(api.messages(request("search.messages", ann, "query", "release", "count", "10",
                "page", "1", "highlight", "true", "sort", "timestamp")));
        SearchMessagesResponse response = SDK.fromJson(json, SearchMessagesResponse.class);

        assertThat(response.isOk()).isTrue();
        assertThat(response.getQuery()).isEqualTo("release");
        assertThat(response.getMessages().getTotal()).isEqualTo(26);
        assertThat(response.getMessages().getPaging().getCount()).isEqualTo(10);
        assertThat(response.getMessages().getPaging().getTotal()).isEqualTo(26);
        assertThat(response.getMessages().getPaging().getPage()).isEqualTo(1);
        assertThat(response.getMessages().getPaging().getPages()).isEqualTo(3);
        assertThat(response.getMessages().getPagination().getTotalCount()).isEqualTo(26);
        assertThat(response.getMessages().getPagination().getPerPage()).isEqualTo(10);
        assertThat(response.getMessages().getPagination().getPageCount()).isEqualTo(3);
        assertThat(response.getMessages().getPagination().getFirst()).isEqualTo(1);
        assertThat(response.getMessages().getPagination().getLast()).isEqualTo(10);
        assertThat(response.getMessages().getMatches()).hasSize(10);

        MatchedItem newest = response.getMessages().getMatches().getFirst();
        assertThat(newest.getType()).isEqualTo("message");
        assertThat(newest.getIid()).isNotBlank();
        assertThat(newest.getTeam()).isEqualTo("T0API");
        assertThat(newest.getUser()).isEqualTo("U0BOB");
        assertThat(newest.getUsername()).isEqualTo("bob");
        assertThat(newest.getTs()).startsWith("1773560000.");
        assertThat(newest.getText()).isEqualTo("\uE000release\uE001 notes for you");
        assertThat(newest.getPermalink()).isEqualTo("https://parley.test/archives/D0ANNBOB/p"
                + newest.getTs().replace(".", ""));
        assertThat(newest.getChannel().getId()).isEqualTo("D0ANNBOB");
        assertThat(newest.getChannel().isIm()).isTrue();
        assertThat(newest.getChannel().isPrivateChannel()).isTrue();
        assertThat(newest.getChannel().getName()).as("an im is named by its other member").isEqualTo("U0BOB");

        MatchedItem next = response.getMessages().getMatches().get(1);
        assertThat(next.getChannel().getName()).isEqualTo("general");
        assertThat(next.getChannel().isChannel()).isTrue();
        assertThat(next.getChannel().isPrivateChannel()).isFalse();
        assertThat(next.getUsername()).isEqualTo("ann");
    }

    @Test
    void searchAllAndFilesAnswerBothBlocksWithFilesEmptyWhenNoneMatches() {
        SearchAllResponse all = SDK.fromJson(json(api.all(request("search.all", bob, "query", "in:#general"))),
                SearchAllResponse.class);

        assertThat(all.isOk()).isTrue();
        assertThat(all.getMessages().getTotal()).isEqualTo(25);
        assertThat(all.getMessages().getMatches()).hasSize(20);
        assertThat(all.getFiles().getTotal()).isZero();
        assertThat(all.getFiles().getMatches()).isEmpty();
        assertThat(all.getFiles().getPaging().getPages()).isZero();

        Map<?, ?> files = SlackJson.read(json(api.files(request("search.files", bob, "query", "release"))), Map.class);
        assertThat(files.keySet().stream().map(String::valueOf).toList()).containsExactly("ok", "query", "files");
    }

    @Test
    void searchFilesAnswersTheFileObjectsInSlacksBlockThatTheSdkParses() {
        world.file("F0DECK", ann, 1_773_550_000L, "deck.pdf", "Release deck", "the okapi roadmap", general);
        world.file("F0PLAN", ann, 1_773_550_100L, "plan.txt", "Plan", "okapi budget", dm);

        SearchFilesResponse files = SDK.fromJson(json(api.files(request("search.files", bob, "query", "okapi",
                "sort", "timestamp", "sort_dir", "asc", "count", "1"))), SearchFilesResponse.class);
        assertThat(files.isOk()).isTrue();
        assertThat(files.getQuery()).isEqualTo("okapi");
        assertThat(files.getFiles().getTotal()).isEqualTo(2);
        assertThat(files.getFiles().getMatches()).extracting(MatchedItem::getId).containsExactly("F0DECK");
        assertThat(files.getFiles().getMatches().getFirst().getName()).isEqualTo("deck.pdf");
        assertThat(files.getFiles().getPaging().getPages()).isEqualTo(2);
        assertThat(files.getFiles().getPagination().getLast()).isEqualTo(1);

        SearchAllResponse all = SDK.fromJson(json(api.all(request("search.all", bob, "query", "roadmap"))),
                SearchAllResponse.class);
        assertThat(all.getFiles().getMatches()).extracting(MatchedItem::getId).containsExactly("F0DECK");
        assertThat(all.getMessages().getTotal()).isZero();
    }

    @Test
    void badArgumentsGetSlackErrors() {
        assertThat(error(() -> api.messages(request("search.messages", ann)))).isEqualTo("no_query");
        assertThat(error(() -> api.messages(request("search.messages", ann, "query", " ")))).isEqualTo("no_query");
        assertThat(error(() -> api.messages(request("search.messages", ann, "query", "has:banana"))))
                .isEqualTo("invalid_query");
        assertThat(error(() -> api.all(request("search.all", ann, "query", "on:2026-02-31")))).isEqualTo("invalid_query");
        assertThat(error(() -> api.messages(request("search.messages", ann, "query", "x", "sort", "random"))))
                .isEqualTo("invalid_arguments");
        assertThat(error(() -> api.messages(request("search.messages", ann, "query", "x", "sort_dir", "up"))))
                .isEqualTo("invalid_arguments");
        assertThat(error(() -> api.messages(request("search.messages", ann, "query", "x", "count", "ten"))))
                .isEqualTo("invalid_arguments");
        assertThat(error(() -> api.messages(request("search.messages", ann, "query", "x", "page", "2.5"))))
                .isEqualTo("invalid_arguments");
    }

    @Test
    void theMethodsAreTheSearchRolesForPeoplesTokensWithSearchRead() {
        List<ApiMethod> methods = Arrays.stream(SearchApi.class.getDeclaredMethods())
                .map(m -> m.getAnnotation(ApiMethod.class)).filter(a -> a != null).toList();

        assertThat(methods).extracting(ApiMethod::value)
                .containsExactlyInAnyOrder("search.messages", "search.files", "search.all");
        for (ApiMethod method : methods) {
            assertThat(ApiRoutes.owner(method.value())).contains(Role.SEARCH);
            assertThat(method.scopes()).containsExactly(Scopes.SEARCH_READ);
            assertThat(method.tokens()).containsExactly(TokenKind.USER);
        }
        assertThat(Arrays.stream(SearchApi.class.getDeclaredMethods()).map(Method::getName)).contains("messages");
    }

    private static String error(Runnable call) {
        return catchThrowableOfType(SlackApiException.class, call::run).error();
    }
}
