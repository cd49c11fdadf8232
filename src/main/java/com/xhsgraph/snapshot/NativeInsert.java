package com.xhsgraph.snapshot;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/**
 * Builds multi-row {@code INSERT ... VALUES (...), (...)} statements with positional parameters, so that a page of
 * items is written in one round trip instead of one per item (in as few statements as PostgreSQL's limit on
 * parameters allows). Strings lose NUL characters, which PostgreSQL cannot store.
 */
final class NativeInsert {

    /** PostgreSQL accepts at most 65,535 parameters in one statement. */
    private static final int MAX_PARAMETERS = 30_000;

    private final String head;
    private final int columns;
    private final String tail;
    private final boolean[] jsonb;
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * @param head e.g. {@code INSERT INTO t (a, b)}
     * @param columns number of columns per row
     * @param tail e.g. an {@code ON CONFLICT} clause, or empty
     * @param jsonbColumns the (0-based) columns whose text is JSON for a {@code jsonb} column; bound as text and cast
     *        in SQL, because the reactive client stores a string bound straight to {@code jsonb} as a JSON string
     */
    NativeInsert(String head, int columns, String tail, int... jsonbColumns) {
        this.head = head;
        this.columns = columns;
        this.tail = tail;
        this.jsonb = new boolean[columns];
        for (int c : jsonbColumns) {
            jsonb[c] = true;
        }
    }

    NativeInsert row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof String s && s.indexOf('\0') >= 0) {
                values[i] = s.replace("\0", "");
            }
        }
        rows.add(values);
        return this;
    }

    String sql(int rowCount) {
        StringBuilder sql = new StringBuilder(head).append(" VALUES ");
        int p = 1;
        for (int r = 0; r < rowCount; r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int c = 0; c < columns; c++) {
                sql.append(c == 0 ? "" : ", ").append(jsonb[c] ? "CAST(CAST(?" + p + " AS text) AS jsonb)" : "?" + p);
                p++;
            }
            sql.append(')');
        }
        return sql.append(' ').append(tail).toString();
    }

    Uni<Integer> execute(Mutiny.Session session) {
        int perStatement = Math.max(1, MAX_PARAMETERS / columns);
        Uni<Integer> done = Uni.createFrom().item(0);
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            done = done.chain(written -> {
                var query = session.createNativeQuery(sql(chunk.size()));
                int p = 1;
                for (Object[] row : chunk) {
                    for (Object value : row) {
                        query.setParameter(p++, value);
                    }
                }
                return query.executeUpdate().map(n -> written + n);
            });
        }
        return done;
    }
}
