package com.xhsgraph.service.fetch;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xhsgraph.service.model.InvalidInputException;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The opaque cursor of a connection edge: which list it belongs to, the upstream cursor that fetches the upstream page
 * the edge is on, the offset just after the edge inside that page, and the edge's item id. Resuming {@code after} it
 * fetches that one upstream page and continues right after the item (found by id, else by offset), so a client
 * walking a list page by page sees every item once, even when its pages cut upstream pages in the middle. Cursors are
 * signed ({@link CursorSigner}): one a client forged or altered is refused before anything is fetched.
 *
 * @param list the list kind, e.g. {@code notes}
 * @param scope the parent of the list, e.g. the user id; a cursor is valid only for its own list
 * @param page upstream cursor of the page; null for the first page
 * @param offset index just after the item in that page
 * @param item the item's id, or null when the position is the start of {@code page}
 */
public record PageCursor(String list, String scope, String page, int offset, String item) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 4096;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    record Payload(Integer v, String l, String s, String p, Integer o, String i) {}

    /** The cursor as the opaque, signed text a client gets. */
    public String encode(CursorSigner signer) {
        try {
            return signer.sign(JSON.writeValueAsBytes(new Payload(1, list, scope, page, offset, item)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cursor not serialisable", e);
        }
    }

    /**
     * Decodes a cursor a client sent back, checking that it belongs to the list it is used on.
     *
     * @throws InvalidInputException when it is not a cursor this service signed, or one of another list
     */
    public static PageCursor decode(String cursor, String list, String scope, CursorSigner signer) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw malformed();
        }
        byte[] json = signer.open(cursor, malformed());
        Payload payload;
        try {
            payload = JSON.readValue(new String(json, StandardCharsets.UTF_8), Payload.class);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw malformed();
        }
        if (payload == null || !Objects.equals(payload.v(), 1) || payload.o() == null || payload.o() < 0
                || payload.o() > 10_000) {
            throw malformed();
        }
        if (!list.equals(payload.l()) || !scope.equals(payload.s())) {
            throw new InvalidInputException("The cursor belongs to another list");
        }
        return new PageCursor(list, scope, payload.p(), payload.o(), payload.i());
    }

    private static InvalidInputException malformed() {
        return new InvalidInputException("Malformed cursor: pass back an endCursor or an edge cursor as is");
    }
}
