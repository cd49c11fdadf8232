package com.xhsgraph.graphql.type;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import com.xhsgraph.service.model.InvalidInputException;

/**
 * Global ids: the base64url of {@code User:<id>}, {@code Note:<id>} or {@code Comment:<noteId>:<commentId>[:<rootId>]}.
 * A comment's id carries its note and thread so that {@code node} and the comment's connections need no other input.
 */
public final class NodeIds {

    /** A decoded global id. {@code noteId} and {@code rootId} are set for comments only ({@code rootId} for replies). */
    public record Ref(String type, String xhsId, String noteId, String rootId) {}

    private static final Pattern HEX24 = Pattern.compile("[0-9a-fA-F]{24}");

    private NodeIds() {}

    /** Whether {@code value} is a raw Xiaohongshu id: 24 hex characters. */
    public static boolean isXhsId(String value) {
        return value != null && HEX24.matcher(value).matches();
    }

    public static String user(String xhsId) {
        return encode("User:" + xhsId);
    }

    public static String note(String xhsId) {
        return encode("Note:" + xhsId);
    }

    public static String comment(String noteId, String xhsId, String rootId) {
        return encode("Comment:" + noteId + ":" + xhsId + (rootId == null ? "" : ":" + rootId));
    }

    public static Ref decode(String id) {
        String text;
        try {
            text = id == null || id.length() > 200
                    ? ""
                    : new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            text = "";
        }
        String[] parts = text.split(":", -1);
        switch (parts[0]) {
            case "User", "Note" -> {
                if (parts.length == 2 && isXhsId(parts[1])) {
                    return new Ref(parts[0], parts[1], null, null);
                }
            }
            case "Comment" -> {
                if ((parts.length == 3 || parts.length == 4) && isXhsId(parts[1]) && isXhsId(parts[2])
                        && (parts.length == 3 || isXhsId(parts[3]))) {
                    return new Ref("Comment", parts[2], parts[1], parts.length == 4 ? parts[3] : null);
                }
            }
            default -> {
            }
        }
        throw new InvalidInputException("Not a global id of this service: pass an `id` field's value as is");
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
