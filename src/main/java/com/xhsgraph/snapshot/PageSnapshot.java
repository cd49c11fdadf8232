package com.xhsgraph.snapshot;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import com.xhsgraph.service.model.CallKey;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One upstream page as it was fetched: which items, in which order, and where the list goes on. */
@Entity
@Table(name = "xhs_page")
public class PageSnapshot extends PanacheEntityBase {

    @EmbeddedId
    public Key key;
    @Column(columnDefinition = "text")
    public String itemIds;
    @Column(columnDefinition = "text")
    public String nextCursor;
    public boolean hasMore;
    public Integer totalCount;
    public OffsetDateTime fetchedAt;

    /** (list kind, scope, request cursor); the first page's request cursor is the empty string. */
    @Embeddable
    public static class Key implements Serializable {
        @Column(columnDefinition = "text")
        public String listKind;
        @Column(columnDefinition = "text")
        public String scope;
        @Column(columnDefinition = "text")
        public String requestCursor;

        public Key() {}

        Key(String listKind, String scope, String requestCursor) {
            this.listKind = listKind;
            this.scope = scope;
            this.requestCursor = requestCursor == null ? "" : requestCursor;
        }

        /** The row of the page a call fetches. */
        static Key of(CallKey call) {
            return new Key(call.listKind(), call.scope(), call.cursor());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && listKind.equals(k.listKind) && scope.equals(k.scope)
                    && requestCursor.equals(k.requestCursor);
        }

        @Override
        public int hashCode() {
            return Objects.hash(listKind, scope, requestCursor);
        }
    }
}
