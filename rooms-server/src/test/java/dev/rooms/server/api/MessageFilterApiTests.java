package dev.rooms.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.rooms.server.message.MessageResponse;
import dev.rooms.server.message.MessageService;
import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code /api/rooms/{id}/messages/} with {@code before}, {@code since}, {@code until}, {@code search}, {@code user}. */
abstract class MessageFilterApiTests extends ApiTest {

    @Autowired
    MessageService messages;

    @Test
    void historyWithoutParametersThenStreamedAnswerEqualsThePagedOneWithoutLink() {
        TestUser user = newUser();
        long room = createRoom(user, "Stream").get("id").asLong();
        post(room, user, "one", "two", "three");

        ApiClient.Response whole = api.get(history(room), user.access());
        ApiClient.Response paged = api.get(history(room) + "?limit=1000", user.access());

        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.contentType()).startsWith("application/json");
        assertThat(whole.json()).isEqualTo(paged.json());
        assertThat(contents(whole)).containsExactly("one", "two", "three");
        assertThat(whole.header("Link")).isNull();
        assertThat(paged.header("Link")).isNull();
    }

    @Test
    void historyWhenClientAcceptsOnlyHtmlThen406AsEveryJsonEndpointAnswers() {
        TestUser user = newUser();
        long room = createRoom(user, "No HTML").get("id").asLong();
        post(room, user, "one");

        ApiClient.Response streamed = api.send("GET", history(room), null, null,
                "Authorization", "Bearer " + user.access(), "Accept", "text/html");
        ApiClient.Response rooms = api.send("GET", "/api/rooms/", null, null,
                "Authorization", "Bearer " + user.access(), "Accept", "text/html");

        assertThat(rooms.status()).isEqualTo(406);
        assertThat(streamed.status()).isEqualTo(406);
        assertThat(streamed.json()).isEqualTo(rooms.json());
    }

    @Test
    void historyBeforeIdThenNewestOlderMessagesOldestFirst() {
        TestUser user = newUser();
        long room = createRoom(user, "Back").get("id").asLong();
        List<MessageResponse> posted = post(room, user, "m1", "m2", "m3", "m4", "m5");

        ApiClient.Response response = api.get(history(room) + "?before=" + posted.get(3).id() + "&limit=2",
                user.access());

        assertThat(contents(response)).containsExactly("m2", "m3");
        LinkHeader links = LinkHeader.of(response);
        assertThat(links.prev()).isEqualTo(url(history(room) + "?limit=2&before=" + posted.get(1).id()));
        assertThat(links.next()).isEqualTo(url(history(room) + "?limit=2&after=" + posted.get(2).id()));
    }

    @Test
    void historyBeforeWithoutLimitThenPageOfFifty() {
        TestUser user = newUser();
        long room = createRoom(user, "Default page").get("id").asLong();
        List<MessageResponse> posted = new ArrayList<>();
        for (int i = 1; i <= 53; i++) {
            posted.add(messages.postMessage(room, user.id(), "m" + i));
        }

        ApiClient.Response response = api.get(history(room) + "?before=" + posted.get(52).id(), user.access());

        assertThat(contents(response)).hasSize(50).startsWith("m3").endsWith("m52");
        assertThat(LinkHeader.of(response).prev()).isEqualTo(url(history(room) + "?before=" + posted.get(2).id()));
    }

    @Test
    void historyPagingBackByPrevLinksReadsEveryMessageOnce() {
        TestUser user = newUser();
        long room = createRoom(user, "Scroll back").get("id").asLong();
        post(room, user, "m1", "m2", "m3", "m4", "m5", "m6", "m7");

        List<String> read = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String path = history(room) + "?limit=3";
        while (path != null) {
            ApiClient.Response page = api.get(path, user.access());
            read.addAll(0, contents(page));
            pageSizes.add(page.json().size());
            String prev = LinkHeader.of(page).prev();
            path = prev == null ? null : pathOf(prev);
        }

        assertThat(read).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7");
        assertThat(pageSizes).containsExactly(3, 3, 1);
    }

    @Test
    void historyPagingForwardByNextLinksReadsEveryMessageOnce() {
        TestUser user = newUser();
        long room = createRoom(user, "Read on").get("id").asLong();
        post(room, user, "m1", "m2", "m3", "m4", "m5");

        List<String> read = new ArrayList<>();
        String path = history(room) + "?after=0&limit=2";
        while (path != null) {
            ApiClient.Response page = api.get(path, user.access());
            read.addAll(contents(page));
            String next = LinkHeader.of(page).next();
            path = next == null ? null : pathOf(next);
        }

        assertThat(read).containsExactly("m1", "m2", "m3", "m4", "m5");
    }

    @Test
    void historyNewestPageThenPrevLinkButNoNext() {
        TestUser user = newUser();
        long room = createRoom(user, "Newest").get("id").asLong();
        post(room, user, "m1", "m2", "m3");

        ApiClient.Response newest = api.get(history(room) + "?limit=2", user.access());
        ApiClient.Response all = api.get(history(room) + "?limit=3", user.access());

        assertThat(LinkHeader.of(newest).urls()).containsOnlyKeys("prev");
        assertThat(all.header("Link")).isNull();
    }

    @Test
    void historyForwardPageThenPrevLinkWhenOlderMessagesExist() {
        TestUser user = newUser();
        long room = createRoom(user, "Both ways").get("id").asLong();
        List<MessageResponse> posted = post(room, user, "m1", "m2", "m3", "m4");

        ApiClient.Response response = api.get(history(room) + "?after=" + posted.get(0).id() + "&limit=2",
                user.access());

        assertThat(contents(response)).containsExactly("m2", "m3");
        assertThat(LinkHeader.of(response).prev()).isEqualTo(url(history(room) + "?limit=2&before=" + posted.get(1).id()));
        assertThat(LinkHeader.of(response).next())
                .isEqualTo(url(history(room) + "?limit=2&after=" + posted.get(2).id()));
    }

    @Test
    void historyBetweenAfterAndBeforeThenPagesStayInsideTheWindow() {
        TestUser user = newUser();
        long room = createRoom(user, "Window").get("id").asLong();
        List<MessageResponse> posted = post(room, user, "m1", "m2", "m3", "m4", "m5", "m6");

        List<String> read = new ArrayList<>();
        String path = history(room) + "?after=" + posted.get(0).id() + "&before=" + posted.get(5).id() + "&limit=2";
        while (path != null) {
            ApiClient.Response page = api.get(path, user.access());
            read.addAll(contents(page));
            String next = LinkHeader.of(page).next();
            path = next == null ? null : pathOf(next);
        }

        assertThat(read).containsExactly("m2", "m3", "m4", "m5");
    }

    @Test
    void historySinceInclusiveUntilExclusive() {
        TestUser user = newUser();
        long room = createRoom(user, "Dates").get("id").asLong();
        List<MessageResponse> posted = post(room, user, "m1", "m2", "m3", "m4");
        String since = posted.get(1).createdAt().toString();
        String until = posted.get(3).createdAt().toString();

        ApiClient.Response between = api.get(history(room) + "?since=" + since + "&until=" + until, user.access());
        ApiClient.Response fromSince = api.get(history(room) + "?since=" + since + "&limit=10", user.access());
        ApiClient.Response beforeUntil = api.get(history(room) + "?until=" + until, user.access());

        assertThat(contents(between)).containsExactly("m2", "m3");
        assertThat(contents(fromSince)).containsExactly("m2", "m3", "m4");
        assertThat(contents(beforeUntil)).containsExactly("m1", "m2", "m3");
    }

    @Test
    void historySinceWithOffsetOrWithoutZoneThenSameInstant() {
        TestUser user = newUser();
        long room = createRoom(user, "Zones").get("id").asLong();
        List<MessageResponse> posted = post(room, user, "m1", "m2");
        String inBerlin = posted.get(1).createdAt().atOffset(ZoneOffset.ofHours(2)).toString();
        String utcWithoutZone = posted.get(1).createdAt().atOffset(ZoneOffset.UTC).toLocalDateTime().toString();

        ApiClient.Response withOffset = api.get(history(room) + "?since=" + urlEncode(inBerlin), user.access());
        ApiClient.Response withoutZone = api.get(history(room) + "?since=" + utcWithoutZone, user.access());

        assertThat(contents(withOffset)).containsExactly("m2");
        assertThat(contents(withoutZone)).containsExactly("m2");
    }

    @Test
    void historySearchThenCaseInsensitiveAnywhereInContent() {
        TestUser user = newUser();
        long room = createRoom(user, "Deploys").get("id").asLong();
        post(room, user, "Deploy at noon", "lunch", "we redeployed", "DEPLOYMENT done", "100% sure");

        ApiClient.Response deploy = api.get(history(room) + "?search=deploy", user.access());
        ApiClient.Response percent = api.get(history(room) + "?search=" + urlEncode("0%"), user.access());

        assertThat(contents(deploy)).containsExactly("Deploy at noon", "we redeployed", "DEPLOYMENT done");
        assertThat(contents(percent)).containsExactly("100% sure");
    }

    @Test
    void historyByUserThenOnlyTheirMessages() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long room = createRoom(alice, "Two voices").get("id").asLong();
        messages.postMessage(room, alice.id(), "a1");
        messages.postMessage(room, bob.id(), "b1");
        messages.postMessage(room, alice.id(), "a2");

        ApiClient.Response response = api.get(history(room) + "?user=" + bob.id(), alice.access());

        assertThat(contents(response)).containsExactly("b1");
    }

    @Test
    void historyFiltersCombineAndLinksKeepThem() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long room = createRoom(alice, "Combined").get("id").asLong();
        for (int i = 1; i <= 4; i++) {
            messages.postMessage(room, alice.id(), "alice deploy " + i);
            messages.postMessage(room, bob.id(), "bob deploy " + i);
            messages.postMessage(room, alice.id(), "alice lunch " + i);
        }
        List<String> read = new ArrayList<>();
        List<String> links = new ArrayList<>();
        String path = history(room) + "?search=DEPLOY&user=" + alice.id() + "&since=2000-01-01T00:00Z&limit=3";
        while (path != null) {
            ApiClient.Response page = api.get(path, alice.access());
            read.addAll(0, contents(page));
            String prev = LinkHeader.of(page).prev();
            path = prev == null ? null : pathOf(prev);
            links.add(prev);
        }

        assertThat(links.get(0)).startsWith(url(history(room)
                + "?search=DEPLOY&user=" + alice.id() + "&since=2000-01-01T00%3A00Z&limit=3&before="));
        assertThat(read).containsExactly("alice deploy 1", "alice deploy 2", "alice deploy 3", "alice deploy 4");
    }

    @Test
    void historyLinkKeepsReservedCharactersOfTheSearchEncoded() {
        TestUser user = newUser();
        long room = createRoom(user, "Symbols").get("id").asLong();
        post(room, user, "a&b c+d 1", "a&b c+d 2", "other");

        ApiClient.Response first = api.get(history(room) + "?search=" + urlEncode("a&b c+d") + "&limit=1", user.access());
        ApiClient.Response second = api.get(pathOf(LinkHeader.of(first).prev()), user.access());

        assertThat(LinkHeader.of(first).prev()).contains("search=a%26b%20c%2Bd&");
        assertThat(contents(first)).containsExactly("a&b c+d 2");
        assertThat(contents(second)).containsExactly("a&b c+d 1");
    }

    @Test
    void historyWithBadValuesThen400NamingEveryOne() {
        TestUser user = newUser();
        long room = createRoom(user, "Bad").get("id").asLong();

        ApiClient.Response response = api.get(history(room)
                + "?before=x&since=yesterday&until=2026-13-01T00:00:00Z&user=bob", user.access());

        assertThat(response.status()).isEqualTo(400);
        String wrongFormat = "[\"Datetime has wrong format. Use one of these formats instead: "
                + "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].\"]";
        assertThat(response.json()).isEqualTo(json("{\"before\":[\"A valid integer is required.\"],"
                + "\"user\":[\"A valid integer is required.\"],\"since\":" + wrongFormat + ",\"until\":" + wrongFormat + "}"));
    }

    @Test
    void historyWithDateOnlyOrYearZeroThen400() {
        TestUser user = newUser();
        long room = createRoom(user, "Strict dates").get("id").asLong();

        ApiClient.Response dateOnly = api.get(history(room) + "?since=2026-01-01", user.access());
        ApiClient.Response yearZero = api.get(history(room) + "?until=0000-01-01T00:00Z", user.access());

        assertThat(dateOnly.status()).isEqualTo(400);
        assertThat(dateOnly.json().propertyNames()).containsExactly("since");
        assertThat(yearZero.status()).isEqualTo(400);
        assertThat(yearZero.json().propertyNames()).containsExactly("until");
    }

    @Test
    void historyOfDeletedRoomThen404WhateverTheParameters() {
        TestUser user = newUser();
        long room = createRoom(user, "Gone").get("id").asLong();
        post(room, user, "m1");
        api.delete("/api/rooms/" + room + "/", user.access());

        for (String query : List.of("", "?search=m", "?before=999999999", "?since=2000-01-01T00:00Z&limit=5")) {
            ApiClient.Response response = api.get(history(room) + query, user.access());

            assertThat(response.status()).as(query).isEqualTo(404);
            assertThat(response.json()).isEqualTo(notFound());
        }
    }

    @Test
    void historyWithFiltersWithoutTokenThen401() {
        ApiClient.Response response = api.get("/api/rooms/1/messages/?before=5", null);

        assertThat(response.status()).isEqualTo(401);
    }

    private List<MessageResponse> post(long room, TestUser user, String... contents) {
        List<MessageResponse> posted = new ArrayList<>();
        for (String content : contents) {
            posted.add(messages.postMessage(room, user.id(), content));
        }
        return posted;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    static String history(long room) {
        return "/api/rooms/" + room + "/messages/";
    }

    static List<String> contents(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().valueStream().map(m -> m.get("content").asString()).toList();
    }
}
