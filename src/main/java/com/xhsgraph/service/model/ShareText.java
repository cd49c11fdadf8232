package com.xhsgraph.service.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the link in what a user pastes: a bare {@code xhslink.com} short link, a xiaohongshu.com / rednote.com URL, or
 * share text such as "【小红书】标题 ... http://xhslink.com/a/AbCd 复制本条信息...". Pure text work: the gate uses it to
 * count the call a short link costs, the resolvers to decide whether to make it.
 */
public final class ShareText {

    /** Longest text read for a link: share texts are a few hundred characters. */
    public static final int MAX_LENGTH = 2048;

    /**
     * A URL in running text: ASCII URL characters only, so that it ends at the first space, CJK character or CJK
     * punctuation (share texts run "...xhslink.com/a/AbCd复制本条信息" together).
     */
    private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9._~:/?#\\[\\]@!$&()*+,;=%-]+",
            Pattern.CASE_INSENSITIVE);
    /** Punctuation that ends a sentence rather than a URL. */
    private static final Pattern TRAILING = Pattern.compile("[.,;:!?)\\]]+$");
    private static final Pattern SHORT_PATH = Pattern.compile("^/[A-Za-z0-9/_-]{1,64}$");

    /** A link found in a text: a short link to expand, or a full Xiaohongshu URL. */
    public record Link(String url, boolean isShort) {}

    private ShareText() {}

    /**
     * The first Xiaohongshu link in {@code text}; empty when it has none. A text that is a bare id is not a link.
     *
     * @throws InvalidInputException when the text is longer than {@link #MAX_LENGTH}
     */
    public static Optional<Link> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException("The text is longer than " + MAX_LENGTH + " characters");
        }
        Matcher m = URL.matcher(text);
        while (m.find()) {
            String candidate = TRAILING.matcher(m.group()).replaceAll("");
            Optional<Link> link = classify(candidate);
            if (link.isPresent()) {
                return link;
            }
        }
        return Optional.empty();
    }

    /** Whether {@code text} holds a short link: reading it costs one upstream call unless it was resolved before. */
    public static boolean hasShortLink(String text) {
        try {
            return find(text).map(Link::isShort).orElse(false);
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static Optional<Link> classify(String candidate) {
        try {
            URI uri = new URI(candidate);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            if (host.equals("xhslink.com") || host.endsWith(".xhslink.com")) {
                String path = uri.getRawPath() == null ? "" : uri.getRawPath();
                if (!SHORT_PATH.matcher(path).matches()) {
                    return Optional.empty();
                }
                // the canonical form: scheme and host normalised, no query or fragment (they do not change the target)
                return Optional.of(new Link("http://xhslink.com" + path, true));
            }
            if (host.equals("xiaohongshu.com") || host.endsWith(".xiaohongshu.com") || host.equals("rednote.com")
                    || host.endsWith(".rednote.com")) {
                return Optional.of(new Link(candidate, false));
            }
        } catch (URISyntaxException e) {
            // not a link
        }
        return Optional.empty();
    }
}
