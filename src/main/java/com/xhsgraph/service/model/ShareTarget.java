package com.xhsgraph.service.model;

/**
 * Where a share link leads: the full xiaohongshu.com URL the upstream expanded it to. Links never change their target,
 * so a resolved one is remembered and never paid for again.
 *
 * @param link the short link, as normalised
 * @param url the URL it redirects to
 */
public record ShareTarget(String link, String url, Provenance provenance) implements Sourced<ShareTarget> {

    @Override
    public ShareTarget withProvenance(Provenance p) {
        return new ShareTarget(link, url, p);
    }
}
