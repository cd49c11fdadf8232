package com.xhsgraph.graphql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import com.xhsgraph.service.model.InvalidInputException;

import io.smallrye.mutiny.Uni;

/** What every resolver does the same way: error translation, per-item errors in batches, argument checks. */
final class Resolvers {

    private Resolvers() {}

    /** Marks "not known without fetching" for {@link #perItem(List, Function, Function)}; never a field value. */
    static final Object NOT_KNOWN = new Object();

    /** Runs {@code work} lazily; anything it throws or fails with reaches the client as an {@link ApiError}. */
    static <T> Uni<T> guard(Supplier<Uni<T>> work) {
        return Uni.createFrom().<T>deferred(work::get).onFailure().transform(ApiError::of);
    }

    /**
     * Resolves a batched field: {@code known} answers what is known without any I/O (or {@link #NOT_KNOWN}), and
     * {@code resolve} the rest, all at once. An item that fails becomes an error at that item's path only (the data
     * loader fails just that key when its value is a Throwable); its siblings keep their values. When {@code known}
     * knows every item, no Uni per item is created at all.
     */
    @SuppressWarnings("unchecked")
    static <S, T> Uni<List<T>> perItem(List<S> sources, Function<S, Object> known, Function<S, Uni<T>> resolve) {
        if (sources.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Object> values = new ArrayList<>(sources.size());
        boolean all = true;
        for (S source : sources) {
            Object value;
            try {
                value = known.apply(source);
            } catch (RuntimeException e) {
                value = ApiError.of(e);
            }
            values.add(value);
            all &= value != NOT_KNOWN;
        }
        if (all) {
            return Uni.createFrom().item((List<T>) values);
        }
        List<Uni<Object>> items = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            S source = sources.get(i);
            Object value = values.get(i);
            items.add(value != NOT_KNOWN
                    ? Uni.createFrom().item(value)
                    : guard(() -> resolve.apply(source)).onItem().<Object>castTo(Object.class)
                            .onFailure().recoverWithItem(failure -> failure));
        }
        return Uni.join().all(items).andFailFast().map(list -> (List<T>) list);
    }

    /** Like {@link #perItem(List, Function, Function)} with nothing known without I/O. */
    static <S, T> Uni<List<T>> perItem(List<S> sources, Function<S, Uni<T>> resolve) {
        return perItem(sources, source -> NOT_KNOWN, resolve);
    }

    /** Checks {@code asOf}: not in the future. */
    static Instant asOf(Instant asOf, Instant now) {
        if (asOf != null && asOf.isAfter(now)) {
            throw new ApiError(ErrorCode.INVALID_ARGUMENT, "`asOf` is in the future: " + asOf);
        }
        return asOf;
    }

    /** Checks a {@code since}/{@code until} window. */
    static void window(Instant since, Instant until) {
        if (since != null && until != null && since.isAfter(until)) {
            throw new ApiError(ErrorCode.INVALID_ARGUMENT, "`since` (" + since + ") is after `until` (" + until + ")");
        }
    }

    /** Checks a connection's {@code first}: null means the default, 0..max is allowed. */
    static int first(Integer first, int defaultValue, int max) {
        int value = first == null ? defaultValue : first;
        if (value < 0 || value > max) {
            throw new InvalidInputException("`first` must be between 0 and " + max + ", got " + value);
        }
        return value;
    }
}
