package com.xhsgraph.upstream.justoneapi;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/**
 * The Just One API endpoints the graph needs. Every call is billed on code 0, so only {@link JustOneApiClient}
 * uses this interface. Bodies are read as text whatever the HTTP status: the envelope decides the outcome.
 */
@Path("/api/xiaohongshu")
interface JustOneApiRestClient {

    @GET
    @Path("/get-user/v3")
    Uni<Response> getUser(@QueryParam("token") String token, @QueryParam("userId") String userId);

    @GET
    @Path("/get-user-note-list/v4")
    Uni<Response> getUserNoteList(@QueryParam("token") String token, @QueryParam("userId") String userId,
            @QueryParam("lastCursor") String lastCursor);

    @GET
    @Path("/get-note-detail/v1")
    Uni<Response> getNoteDetail(@QueryParam("token") String token, @QueryParam("noteId") String noteId);

    @GET
    @Path("/get-note-comment/v2")
    Uni<Response> getNoteComment(@QueryParam("token") String token, @QueryParam("noteId") String noteId,
            @QueryParam("lastCursor") String lastCursor, @QueryParam("sort") String sort);

    @GET
    @Path("/get-note-sub-comment/v2")
    Uni<Response> getNoteSubComment(@QueryParam("token") String token,
            @QueryParam("noteId") String noteId, @QueryParam("commentId") String commentId,
            @QueryParam("lastCursor") String lastCursor);

    @GET
    @Path("/search-note/v2")
    Uni<Response> searchNote(@QueryParam("token") String token, @QueryParam("keyword") String keyword,
            @QueryParam("page") int page, @QueryParam("sort") String sort, @QueryParam("noteType") String noteType);

    @GET
    @Path("/search-user/v2")
    Uni<Response> searchUser(@QueryParam("token") String token, @QueryParam("keyword") String keyword,
            @QueryParam("page") int page);

    @GET
    @Path("/share-url-transfer/v1")
    Uni<Response> shareUrlTransfer(@QueryParam("token") String token, @QueryParam("shareUrl") String shareUrl);
}
