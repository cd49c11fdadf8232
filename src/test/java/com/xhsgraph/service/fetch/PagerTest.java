package com.xhsgraph.service.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.xhsgraph.service.model.CallKey;
import com.xhsgraph.service.model.InvalidInputException;
import com.xhsgraph.service.model.Page;

import io.smallrye.mutiny.Uni;

/** The paging rules, against an in-memory upstream that counts its calls. */
class PagerTest {

    private static final CursorSigner SIGNER = CursorSigner.of("pager-test-key-0123456789abcdef0123");

    /** An upstream list of {@code size} items served {@code pageSize} at a time; cursors are "c" + next index. */
    private static final class FakeUpstream {
        final List<String> items;
        final int pageSize;
        final List<String> calls = new ArrayList<>();
        final Map<String, Page<String>> overrides = new HashMap<>();

        FakeUpstream(int size, int pageSize) {
            this.items = IntStream.range(0, size).mapToObj(i -> "item" + i).toList();
            this.pageSize = pageSize;
        }

        Uni<Page<String>> page(CallKey key) {
            String cursor = key.cursor();
            calls.add(String.valueOf(cursor));
            if (overrides.containsKey(String.valueOf(cursor))) {
                return Uni.createFrom().item(overrides.get(String.valueOf(cursor)));
            }
            int from = cursor == null ? 0 : Integer.parseInt(cursor.substring(1));
            int to = Math.min(from + pageSize, items.size());
            return Uni.createFrom()
                    .item(new Page<>(items.subList(from, to), to < items.size(), "c" + to, 42, null));
        }

        Pager<String> pager() {
            return new Pager<>(CallKey.notePage("parent", null), this::page, s -> s, SIGNER);
        }
    }

    private static List<String> values(Slice<String> slice) {
        return slice.items().stream().map(Slice.Item::value).toList();
    }

    @Test
    void walksAWholeListInPagesThatCutPages() {
        FakeUpstream upstream = new FakeUpstream(23, 10);
        Pager<String> pager = upstream.pager();
        List<String> seen = new ArrayList<>();
        String after = null;
        Slice<String> slice;
        do {
            slice = pager.walk(pager.start(after), 3).await().indefinitely();
            seen.addAll(values(slice));
            after = slice.items().isEmpty() ? after : slice.items().get(slice.items().size() - 1).cursor();
        } while (slice.hasNextPage());
        assertThat(seen).containsExactlyElementsOf(upstream.items);
        assertThat(slice.totalCount()).isEqualTo(42);
    }

    @Test
    void fetchesOnlyThePagesItNeeds() {
        FakeUpstream upstream = new FakeUpstream(40, 10);
        Slice<String> slice = upstream.pager().walk(upstream.pager().start(null), 15).await().indefinitely();
        assertThat(values(slice)).hasSize(15).startsWith("item0").endsWith("item14");
        assertThat(slice.hasNextPage()).isTrue();
        assertThat(upstream.calls).containsExactly("null", "c10");
    }

    @Test
    void endingOnAPageBoundaryKnowsWhetherMoreExistWithoutFetchingIt() {
        FakeUpstream upstream = new FakeUpstream(20, 10);
        Slice<String> full = upstream.pager().walk(upstream.pager().start(null), 20).await().indefinitely();
        assertThat(full.hasNextPage()).isFalse();
        assertThat(upstream.calls).hasSize(2);

        FakeUpstream more = new FakeUpstream(30, 10);
        Slice<String> first = more.pager().walk(more.pager().start(null), 10).await().indefinitely();
        assertThat(first.hasNextPage()).isTrue();
        assertThat(more.calls).containsExactly("null");
        // resuming after the last item of a page starts with the next upstream page
        more.calls.clear();
        String end = first.items().get(9).cursor();
        Slice<String> next = more.pager().walk(more.pager().start(end), 2).await().indefinitely();
        assertThat(values(next)).containsExactly("item10", "item11");
        assertThat(more.calls).containsExactly("c10");
    }

    @Test
    void resumesAfterTheItemEvenWhenThePageShifted() {
        FakeUpstream upstream = new FakeUpstream(10, 10);
        Slice<String> first = upstream.pager().walk(upstream.pager().start(null), 3).await().indefinitely();
        String after = first.items().get(2).cursor();
        // a new item appeared at the top of the first page since
        List<String> shifted = new ArrayList<>(List.of("new"));
        shifted.addAll(upstream.items);
        upstream.overrides.put("null", new Page<>(shifted, false, "", null, null));

        Slice<String> next = upstream.pager().walk(upstream.pager().start(after), 2).await().indefinitely();
        assertThat(values(next)).containsExactly("item3", "item4");
    }

    @Test
    void stopsOnAnEmptyPageAnEmptyCursorOrARepeatedCursor() {
        FakeUpstream upstream = new FakeUpstream(0, 10);
        upstream.overrides.put("null", new Page<>(List.of("a", "b"), true, "", null, null));
        Slice<String> emptyCursor = upstream.pager().walk(upstream.pager().start(null), 10).await().indefinitely();
        assertThat(values(emptyCursor)).containsExactly("a", "b");
        assertThat(emptyCursor.hasNextPage()).isFalse();

        upstream.overrides.put("null", new Page<>(List.of("a"), true, "x", null, null));
        upstream.overrides.put("x", new Page<>(List.of("b"), true, "x", null, null));
        upstream.calls.clear();
        Slice<String> loop = upstream.pager().walk(upstream.pager().start(null), 10).await().indefinitely();
        assertThat(values(loop)).containsExactly("a", "b");
        assertThat(upstream.calls).containsExactly("null", "x");

        upstream.overrides.put("null", new Page<>(List.of(), true, "y", null, null));
        Slice<String> empty = upstream.pager().walk(upstream.pager().start(null), 10).await().indefinitely();
        assertThat(empty.items()).isEmpty();
        assertThat(empty.hasNextPage()).isFalse();
    }

    @Test
    void skipsDuplicatesTheUpstreamRepeatsAcrossPages() {
        FakeUpstream upstream = new FakeUpstream(0, 10);
        upstream.overrides.put("null", new Page<>(List.of("a", "b"), true, "p2", null, null));
        upstream.overrides.put("p2", new Page<>(List.of("b", "c"), false, "", null, null));
        Slice<String> slice = upstream.pager().walk(upstream.pager().start(null), 10).await().indefinitely();
        assertThat(values(slice)).containsExactly("a", "b", "c");
    }

    @Test
    void firstZeroCostsNothing() {
        FakeUpstream upstream = new FakeUpstream(5, 10);
        Slice<String> slice = upstream.pager().walk(upstream.pager().start(null), 0).await().indefinitely();
        assertThat(slice.items()).isEmpty();
        assertThat(upstream.calls).isEmpty();
    }

    @Test
    void refusesCursorsOfOtherListsAndGarbage() {
        String foreign = new PageCursor("other", "parent", null, 1, "x").encode(SIGNER);
        Pager<String> pager = new FakeUpstream(5, 10).pager();
        assertThatThrownBy(() -> pager.start(foreign)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("another list");
        assertThatThrownBy(() -> pager.start("!!not base64!!")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> pager.start("e30")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> pager.start("x".repeat(5000))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusesCursorsSignedWithAnotherKeyOrAltered() {
        Pager<String> pager = new FakeUpstream(5, 10).pager();
        String mine = new PageCursor("notes", "parent", "c10", 3, "item12").encode(SIGNER);
        assertThat(pager.start(mine)).isEqualTo(new PageCursor("notes", "parent", "c10", 3, "item12"));

        String foreignKey = new PageCursor("notes", "parent", "c10", 3, "item12")
                .encode(CursorSigner.of("another-key-0123456789abcdef0123456789"));
        String payload = mine.substring(0, mine.indexOf('.'));
        String tag = mine.substring(mine.indexOf('.') + 1);
        String altered = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"v\":1,\"l\":\"notes\",\"s\":\"parent\",\"p\":\"c90\",\"o\":3}".getBytes()) + "." + tag;
        String flipped = payload + "." + (tag.charAt(0) == 'A' ? 'B' : 'A') + tag.substring(1);
        for (String forged : List.of(foreignKey, altered, flipped, payload, payload + ".", "." + tag,
                mine + "." + tag, payload + "." + tag.substring(2))) {
            assertThatThrownBy(() -> pager.start(forged)).as(forged).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("Malformed cursor");
        }
    }

    @Test
    void aRotatedKeyStillVerifiesDuringItsGrace() {
        CursorSigner old = CursorSigner.of("old-key-0123456789abcdef0123456789ab");
        CursorSigner rotated = CursorSigner.of("new-key-0123456789abcdef0123456789ab",
                "old-key-0123456789abcdef0123456789ab");
        String before = new PageCursor("notes", "parent", null, 2, "item1").encode(old);
        Pager<String> during = new Pager<String>(CallKey.notePage("parent", null), k -> null, s -> s, rotated);
        assertThat(during.start(before).offset()).isEqualTo(2);
        String after = new PageCursor("notes", "parent", null, 2, "item1").encode(rotated);
        // a replica that has not loaded the new key refuses it: hence a new key signs only once all have loaded it
        assertThatThrownBy(
                () -> new Pager<String>(CallKey.notePage("parent", null), k -> null, s -> s, old).start(after))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aNewKeySignsOnlyOnceEveryInstanceHadTimeToLoadIt() {
        java.time.Instant now = java.time.Instant.parse("2026-12-02T08:00:00Z");
        byte[] older = "older-key-0123456789abcdef0123456789".getBytes();
        byte[] newer = "newer-key-0123456789abcdef0123456789".getBytes();
        var justAdded = List.of(new com.xhsgraph.snapshot.CursorKeyStore.Key(newer, now.minusSeconds(10)),
                new com.xhsgraph.snapshot.CursorKeyStore.Key(older, now.minus(java.time.Duration.ofDays(30))));
        assertThat(CursorKeys.ordered(justAdded, now)).containsExactly(older, newer);
        assertThat(CursorKeys.ordered(justAdded, now.plus(CursorKeys.PROPAGATION))).containsExactly(newer, older);
        assertThat(CursorKeys.ordered(List.of(justAdded.get(0)), now)).as("the very first key signs at once")
                .containsExactly(newer);
    }
}
