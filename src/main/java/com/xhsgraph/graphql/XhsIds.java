package com.xhsgraph.graphql;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.xhsgraph.graphql.type.NodeIds;
import com.xhsgraph.service.model.InvalidInputException;
import com.xhsgraph.service.model.ShareText;

/**
 * Reads the ids clients pass to {@code user} and {@code note}: a raw 24-hex Xiaohongshu id, or a profile / explore
 * URL of xiaohongshu.com or rednote.com, alone or inside a pasted share text. Short links (xhslink.com) are expanded
 * by the upstream first ({@code SearchService.expand}); one that reaches this class unexpanded is refused.
 */
final class XhsIds {

    private static final Pattern PROFILE_PATH = Pattern.compile("^/user/profile/([0-9a-fA-F]{24})/?$");
    private static final Pattern NOTE_PATH = Pattern.compile(
            "^/(?:explore|discovery/item|user/profile/[0-9a-fA-F]{24})/([0-9a-fA-F]{24})/?$");
    private static final int MAX_INPUT = 2048;

    private XhsIds() {}

    /** A user id from a 24-hex id or a {@code /user/profile/<id>} URL. */
    static String user(String input) {
        return parse(input, PROFILE_PATH, "a user id (24 hex characters) or a profile URL like "
                + "https://www.xiaohongshu.com/user/profile/<id>");
    }

    /** A note id from a 24-hex id or an {@code /explore/<id>} (or {@code /discovery/item/<id>}) URL. */
    static String note(String input) {
        return parse(input, NOTE_PATH, "a note id (24 hex characters) or a note URL like "
                + "https://www.xiaohongshu.com/explore/<id>");
    }

    private static String parse(String input, Pattern path, String expected) {
        String value = input == null ? "" : input.trim();
        if (NodeIds.isXhsId(value)) {
            return value.toLowerCase(Locale.ROOT);
        }
        if (value.length() <= MAX_INPUT && !value.startsWith("http://") && !value.startsWith("https://")) {
            // a share text: the link in it
            value = ShareText.find(value).map(ShareText.Link::url).orElse(value);
        }
        if (value.length() <= MAX_INPUT && (value.startsWith("http://") || value.startsWith("https://"))) {
            try {
                URI uri = new URI(value);
                String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
                if (host.contains("xhslink.com")) {
                    throw new InvalidInputException("This short link (xhslink.com) could not be read");
                }
                if (isXiaohongshuHost(host) && uri.getRawPath() != null) {
                    Matcher m = path.matcher(uri.getRawPath());
                    if (m.matches()) {
                        return m.group(1).toLowerCase(Locale.ROOT);
                    }
                }
            } catch (java.net.URISyntaxException e) {
                // falls through to the error below
            }
        }
        throw new InvalidInputException("Expected " + expected);
    }

    private static boolean isXiaohongshuHost(String host) {
        return host.equals("xiaohongshu.com") || host.endsWith(".xiaohongshu.com") || host.equals("rednote.com")
                || host.endsWith(".rednote.com");
    }
}
