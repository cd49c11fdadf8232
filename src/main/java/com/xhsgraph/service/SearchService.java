package com.xhsgraph.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.xhsgraph.service.fetch.FetchPipeline;
import com.xhsgraph.service.fetch.Pager;
import com.xhsgraph.service.fetch.RequestCache;
import com.xhsgraph.service.model.CallKey;
import com.xhsgraph.service.model.Endpoint;
import com.xhsgraph.service.model.InvalidInputException;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.Page;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.service.model.ShareTarget;
import com.xhsgraph.service.model.ShareText;

import io.smallrye.mutiny.Uni;

/**
 * Finding: notes and users by keyword, and what a share link points to. Search pages are snapshots like every other
 * page (with their own, short, default maximum age); a share link is expanded once and remembered for good.
 */
@ApplicationScoped
public class SearchService {

    /** Longest keyword accepted: the app's search box takes about this much. */
    public static final int MAX_KEYWORD = 100;

    private final FetchPipeline pipeline;
    private final RequestCache requestCache;

    SearchService(FetchPipeline pipeline, RequestCache requestCache) {
        this.pipeline = pipeline;
        this.requestCache = requestCache;
    }

    /**
     * A pager over the notes {@code keyword} finds.
     *
     * @throws InvalidInputException when the keyword is empty or too long
     */
    public Pager<NoteData> notes(String keyword, String sort, String noteType, Integer maxAge) {
        String k = keyword(keyword);
        return new Pager<>(CallKey.searchNotes(k, sort, noteType, null),
                page -> pipeline.<Page<NoteData>>get(page, maxAge)
                        .invoke(served -> requestCache.rememberNotes(served.items())),
                NoteData::xhsId, pipeline.cursors());
    }

    /** A pager over the users {@code keyword} finds. */
    public Pager<ProfileData> users(String keyword, Integer maxAge) {
        String k = keyword(keyword);
        return new Pager<>(CallKey.searchUsers(k, null), page -> pipeline.<Page<ProfileData>>get(page, maxAge),
                ProfileData::xhsId, pipeline.cursors());
    }

    /** The most upstream pages a search walk for {@code first} results reads: what the budget gate counts. */
    public static int maxPages(Endpoint endpoint, int first, boolean after) {
        return (first + endpoint.pageSize() - 1) / endpoint.pageSize() + (after ? 1 : 0);
    }

    /**
     * The URL {@code input} stands for: the target of a short link in it (expanded once, then remembered), the
     * xiaohongshu.com URL in it, or the input itself when it holds no link (an id).
     */
    public Uni<String> expand(String input) {
        Optional<ShareText.Link> link = ShareText.find(input);
        if (link.isEmpty()) {
            return Uni.createFrom().item(input);
        }
        if (!link.get().isShort()) {
            return Uni.createFrom().item(link.get().url());
        }
        return pipeline.<ShareTarget>get(CallKey.shareLink(link.get().url()), null).map(ShareTarget::url);
    }

    private static String keyword(String keyword) {
        String k = keyword == null ? "" : keyword.strip();
        if (k.isEmpty()) {
            throw new InvalidInputException("The keyword is empty");
        }
        if (k.length() > MAX_KEYWORD) {
            throw new InvalidInputException("The keyword is longer than " + MAX_KEYWORD + " characters");
        }
        if (k.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new InvalidInputException("The keyword holds control characters");
        }
        return k;
    }
}
