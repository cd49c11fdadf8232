package com.xhsgraph.snapshot;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/**
 * Builds one multi-row {@code INSERT ... VALUES (...), (...)} statement with positional parameters, so that a page of
 * items is written in one round trip instead of one per item.
 */
final class NativeInsert {

    private final String head;
    private final int columns;
    private final String tail;
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * @param head e.g. {@code INSERT INTO t (a, b)}
     * @param columns number of columns per row
     * @param tail e.g. an {@code ON CONFLICT} clause, or empty
     */
    NativeInsert(String head, int columns, String tail) {
        this.head = head;
        this.columns = columns;
        this.tail = tail;
    }

    NativeInsert row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " values, got " + values.length);
        }
        rows.add(values);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String sql() {
        StringBuilder sql = new StringBuilder(head).append(" VALUES ");
        int p = 1;
        for (int r = 0; r < rows.size(); r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int c = 0; c < columns; c++) {
                sql.append(c == 0 ? "?" : ", ?").append(p++);
            }
            sql.append(')');
        }
        return sql.append(' ').append(tail).toString();
    }

    Uni<Integer> execute(Mutiny.Session session) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Mutiny.Query<?> query = session.createNativeQuery(sql());
        int p = 1;
        for (Object[] row : rows) {
            for (Object value : row) {
                query.setParameter(p++, value);
            }
        }
        return query.executeUpdate();
    }
}
