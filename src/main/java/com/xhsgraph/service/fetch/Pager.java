package com.xhsgraph.service.fetch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import com.xhsgraph.service.model.CallKey;
import com.xhsgraph.service.model.Page;
import com.xhsgraph.service.model.Provenance;

import io.smallrye.mutiny.Uni;

/**
 * Walks an upstream list to serve {@code first} items after a cursor: one upstream page at a time (each page needs
 * the previous page's cursor), as many pages as {@code first} needs and no more. It stops on {@code has_more == false},
 * an empty page or an empty cursor.
 */
public final class Pager<T> {

    /** A walk never fetches more pages than this, whatever the upstream claims. */
    public static final int MAX_PAGES_PER_WALK = 50;

    /**
     * Which items a walk returns. {@code exhausted} says, from one page, that no later page can hold an item the filter
     * accepts (a newest-first list past a "since" moment), so the walk stops there.
     */
    public record Filter<T>(Predicate<T> accepts, Predicate<Page<T>> exhausted) {

        public static <T> Filter<T> all() {
            return new Filter<>(item -> true, page -> false);
        }
    }

    private final CallKey firstPage;
    private final String list;
    private final String scope;
    private final Function<CallKey, Uni<Page<T>>> fetchPage;
    private final Function<T, String> idOf;
    private final CursorSigner signer;

    /**
     * @param firstPage the call that fetches the list's first page; its list kind and scope are part of every cursor
     * @param fetchPage fetches (or serves from a snapshot) the upstream page of a call
     * @param idOf the id of an item
     * @param signer signs the cursors the walk gives out and checks the one it resumes after
     */
    public Pager(CallKey firstPage, Function<CallKey, Uni<Page<T>>> fetchPage, Function<T, String> idOf,
            CursorSigner signer) {
        this.signer = signer;
        this.firstPage = firstPage;
        this.list = firstPage.listKind();
        this.scope = firstPage.scope();
        this.fetchPage = fetchPage;
        this.idOf = idOf;
    }

    /** Decodes {@code after} for this list; call before any upstream call so that a bad cursor costs nothing. */
    public PageCursor start(String after) {
        return after == null
                ? new PageCursor(list, scope, null, 0, null)
                : PageCursor.decode(after, list, scope, signer);
    }

    /** The {@code first} items after {@code start}. {@code first} 0 makes no call. */
    public Uni<Slice<T>> walk(PageCursor start, int first) {
        return walk(start, first, Filter.all());
    }

    /**
     * The {@code first} items after {@code start}, reading at most {@code maxPages} upstream pages: for lists whose
     * pages may hold fewer items than their size (search results), so that a walk never reads more pages than its
     * estimate counted. A walk cut short says there is a next page.
     */
    public Uni<Slice<T>> walkAtMost(PageCursor start, int first, int maxPages) {
        if (first == 0) {
            return Uni.createFrom().item(Slice.empty());
        }
        Walk walk = new Walk(first, Filter.all(), Math.max(1, Math.min(maxPages, MAX_PAGES_PER_WALK)));
        return step(walk, start.page(), start.offset(), start.item());
    }

    /** The {@code first} items after {@code start} that {@code filter} accepts. */
    public Uni<Slice<T>> walk(PageCursor start, int first, Filter<T> filter) {
        if (first == 0) {
            return Uni.createFrom().item(Slice.empty());
        }
        Walk walk = new Walk(first, filter, MAX_PAGES_PER_WALK);
        return step(walk, start.page(), start.offset(), start.item());
    }

    private Uni<Slice<T>> step(Walk walk, String pageCursor, int skip, String afterItem) {
        return fetchPage.apply(firstPage.at(pageCursor)).flatMap(page -> {
            walk.pages++;
            walk.provenance = page.provenance() == null ? walk.provenance : page.provenance().and(walk.provenance);
            if (page.totalCount() != null) {
                walk.totalCount = page.totalCount();
            }
            List<T> items = page.items();
            boolean continues = page.continuesAfter(pageCursor) && !walk.filter.exhausted().test(page);
            int from = Math.min(skip, items.size());
            if (afterItem != null) {
                int found = indexOf(items, afterItem);
                if (found >= 0) {
                    from = found + 1;
                }
            }
            int last = -1;
            for (int i = from; i < items.size() && walk.items.size() < walk.first; i++) {
                T item = items.get(i);
                String id = idOf.apply(item);
                last = i;
                if (!walk.seen.add(id) || !walk.filter.accepts().test(item)) {
                    continue;
                }
                boolean endOfPage = i == items.size() - 1;
                PageCursor position = endOfPage && continues
                        ? new PageCursor(list, scope, page.nextCursor(), 0, null)
                        : new PageCursor(list, scope, pageCursor, i + 1, id);
                walk.items.add(new Slice.Item<>(item, position.encode(signer)));
            }
            if (walk.items.size() >= walk.first) {
                boolean more = (last >= 0 && last < items.size() - 1 && anyAccepted(walk, items, last + 1))
                        || continues;
                return Uni.createFrom().item(walk.done(more));
            }
            if (!continues) {
                return Uni.createFrom().item(walk.done(false));
            }
            if (walk.pages >= walk.maxPages) {
                return Uni.createFrom().item(walk.done(true));
            }
            return step(walk, page.nextCursor(), 0, null);
        });
    }

    private boolean anyAccepted(Walk walk, List<T> items, int from) {
        for (int i = from; i < items.size(); i++) {
            if (walk.filter.accepts().test(items.get(i))) {
                return true;
            }
        }
        return false;
    }

    private int indexOf(List<T> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(idOf.apply(items.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private final class Walk {
        final int first;
        final Filter<T> filter;
        final List<Slice.Item<T>> items = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        Integer totalCount;
        Provenance provenance;
        int pages;

        final int maxPages;

        Walk(int first, Filter<T> filter, int maxPages) {
            this.first = first;
            this.filter = filter;
            this.maxPages = maxPages;
        }

        Slice<T> done(boolean hasNextPage) {
            return new Slice<>(List.copyOf(items), hasNextPage, totalCount, provenance);
        }
    }
}
