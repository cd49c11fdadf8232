package com.xhsgraph.snapshot;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.service.UsageAccounting.Usage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** {@code xhs_upstream_usage}: upstream calls per endpoint per day. Callers provide the session and transaction. */
@ApplicationScoped
public class UsageRepository {

    /** Adds counts to their rows, creating rows as needed. */
    public Uni<Void> add(List<Usage> batch) {
        NativeInsert insert = new NativeInsert("INSERT INTO xhs_upstream_usage (day, endpoint, calls, billed, failed)",
                5, "ON CONFLICT (day, endpoint) DO UPDATE SET calls = xhs_upstream_usage.calls + EXCLUDED.calls, "
                        + "billed = xhs_upstream_usage.billed + EXCLUDED.billed, "
                        + "failed = xhs_upstream_usage.failed + EXCLUDED.failed");
        batch.stream()
                .sorted((a, b) -> a.day().equals(b.day())
                        ? a.endpoint().compareTo(b.endpoint())
                        : a.day().compareTo(b.day()))
                .forEach(u -> insert.row(u.day(), u.endpoint(), u.calls(), u.billed(), u.failed()));
        return Panache.getSession().flatMap(insert::execute).replaceWithVoid();
    }

    /** Stored usage between two days inclusive. */
    @SuppressWarnings("unchecked")
    public Uni<List<Usage>> between(LocalDate from, LocalDate to) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT day, endpoint, calls, billed, failed FROM xhs_upstream_usage "
                        + "WHERE day BETWEEN ?1 AND ?2 ORDER BY day, endpoint", Object[].class)
                .setParameter(1, from).setParameter(2, to)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new Usage(toDate(r[0]), (String) r[1], ((Number) r[2]).intValue(),
                        ((Number) r[3]).intValue(), ((Number) r[4]).intValue())).toList()));
    }

    private static LocalDate toDate(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(value.toString());
    }
}
