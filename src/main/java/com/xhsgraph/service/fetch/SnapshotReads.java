package com.xhsgraph.service.fetch;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;

import com.xhsgraph.service.model.CallKey;
import com.xhsgraph.service.model.Fetched;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.service.model.ShareTarget;
import com.xhsgraph.snapshot.SnapshotReader;

import io.smallrye.mutiny.Uni;

/**
 * The snapshot reads of one request, batched: every read of the same kind asked for in one turn of the event loop
 * (the same field of every item of a list) is one database round trip.
 */
@RequestScoped
public class SnapshotReads {

    /** A history window; observations of many objects in the same window are read together. */
    private record Window(Instant since, Instant until) {}

    private record HistoryKey(String id, Window window) {}

    private final TickBatcher<String, Fetched<ProfileData>> profiles;
    private final TickBatcher<String, Fetched<NoteData>> details;
    private final TickBatcher<CallKey, Fetched<?>> notePages;
    private final TickBatcher<CallKey, Fetched<?>> commentPages;
    private final TickBatcher<CallKey, Fetched<?>> userPages;
    private final TickBatcher<String, Fetched<ShareTarget>> shareLinks;
    private final TickBatcher<String, Long> storedNotes;
    private final TickBatcher<String, Long> storedComments;
    private final TickBatcher<String, Long> storedReplies;
    private final TickBatcher<HistoryKey, List<ProfileData>> profileHistories;
    private final TickBatcher<HistoryKey, List<NoteData>> noteHistories;
    private final TickBatcher<String, Instant> usersFirstSeen;
    private final TickBatcher<String, Instant> notesFirstSeen;
    private final TickBatcher<String, Instant> commentsFirstSeen;

    SnapshotReads(SnapshotReader reader) {
        profiles = new TickBatcher<>(reader::profiles);
        details = new TickBatcher<>(reader::details);
        notePages = new TickBatcher<>(keys -> reader.notePages(keys).map(HashMap::new));
        commentPages = new TickBatcher<>(keys -> reader.commentPages(keys).map(HashMap::new));
        userPages = new TickBatcher<>(keys -> reader.userPages(keys).map(HashMap::new));
        shareLinks = new TickBatcher<>(reader::shareLinks);
        storedNotes = new TickBatcher<>(reader::storedNotes);
        storedComments = new TickBatcher<>(reader::storedComments);
        storedReplies = new TickBatcher<>(reader::storedReplies);
        profileHistories = new TickBatcher<>(keys -> byWindow(keys,
                (ids, w) -> reader.profileHistories(ids, w.since(), w.until())));
        noteHistories = new TickBatcher<>(keys -> byWindow(keys,
                (ids, w) -> reader.noteHistories(ids, w.since(), w.until())));
        usersFirstSeen = new TickBatcher<>(reader::usersFirstSeen);
        notesFirstSeen = new TickBatcher<>(reader::notesFirstSeen);
        commentsFirstSeen = new TickBatcher<>(reader::commentsFirstSeen);
    }

    /** The stored answer to {@code call}, or null. */
    Uni<Fetched<?>> stored(CallKey call) {
        return switch (call.endpoint()) {
            case USER -> profiles.load(call.id()).map(f -> (Fetched<?>) f);
            case NOTE_DETAIL -> details.load(call.id()).map(f -> (Fetched<?>) f);
            case NOTE_LIST -> notePages.load(call);
            case COMMENTS, REPLIES -> commentPages.load(call);
            case SEARCH_NOTES -> notePages.load(call);
            case SEARCH_USERS -> userPages.load(call);
            case SHARE_LINK -> shareLinks.load(call.id()).map(f -> (Fetched<?>) f);
        };
    }

    /** How many notes of the creator are stored. */
    public Uni<Long> storedNotes(String userId) {
        return storedNotes.load(userId).map(SnapshotReads::zeroIfNull);
    }

    /** How many top-level comments of the note are stored. */
    public Uni<Long> storedComments(String noteId) {
        return storedComments.load(noteId).map(SnapshotReads::zeroIfNull);
    }

    /** How many replies of the thread are stored. */
    public Uni<Long> storedReplies(String rootId) {
        return storedReplies.load(rootId).map(SnapshotReads::zeroIfNull);
    }

    /** When the creator was first stored, or null. */
    public Uni<Instant> userFirstSeen(String userId) {
        return usersFirstSeen.load(userId);
    }

    /** When the note was first stored, or null. */
    public Uni<Instant> noteFirstSeen(String noteId) {
        return notesFirstSeen.load(noteId);
    }

    /** When the comment was first stored, or null. */
    public Uni<Instant> commentFirstSeen(String commentId) {
        return commentsFirstSeen.load(commentId);
    }

    /** The creator's observations in [since, until], oldest first. */
    public Uni<List<ProfileData>> profileHistory(String userId, Instant since, Instant until) {
        return profileHistories.load(new HistoryKey(userId, new Window(since, until))).map(SnapshotReads::orEmpty);
    }

    /** The note's observations in [since, until], oldest first. */
    public Uni<List<NoteData>> noteHistory(String noteId, Instant since, Instant until) {
        return noteHistories.load(new HistoryKey(noteId, new Window(since, until))).map(SnapshotReads::orEmpty);
    }

    /** One read per distinct window (usually one), each for all the ids asked for in that window. */
    private static <T> Uni<Map<HistoryKey, List<T>>> byWindow(List<HistoryKey> keys,
            java.util.function.BiFunction<List<String>, Window, Uni<Map<String, List<T>>>> read) {
        Map<Window, List<String>> idsByWindow = new HashMap<>();
        keys.forEach(k -> idsByWindow.computeIfAbsent(k.window(), w -> new java.util.ArrayList<>()).add(k.id()));
        List<Uni<Map<HistoryKey, List<T>>>> reads = idsByWindow.entrySet().stream()
                .map(e -> read.apply(e.getValue(), e.getKey()).map(found -> {
                    Map<HistoryKey, List<T>> result = new HashMap<>();
                    found.forEach((id, list) -> result.put(new HistoryKey(id, e.getKey()), list));
                    return result;
                })).toList();
        return Uni.join().all(reads).andFailFast().map(parts -> {
            Map<HistoryKey, List<T>> all = new HashMap<>();
            parts.forEach(all::putAll);
            return all;
        });
    }

    private static long zeroIfNull(Long value) {
        return value == null ? 0 : value;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
