package com.xhsgraph.upstream.justoneapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.Page;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.support.Fixtures;
import com.xhsgraph.upstream.justoneapi.dto.JoaCommentPage;
import com.xhsgraph.upstream.justoneapi.dto.JoaNoteDetail;
import com.xhsgraph.upstream.justoneapi.dto.JoaNoteListPage;
import com.xhsgraph.upstream.justoneapi.dto.JoaUser;

/** Every recorded response, docs example and live capture alike, reads into the service's records. */
class JoaMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static <T> T data(String fixture, Class<T> type) throws Exception {
        return JSON.treeToValue(Fixtures.recorded(fixture).get("data"), type);
    }

    @Test
    void profiles() throws Exception {
        ProfileData docs = JoaMapping.profile(data("get-user-v3.json", JoaUser.class), "unused");
        assertThat(docs.xhsId()).isEqualTo("5c2f338a000000000701e1c6");
        assertThat(docs.redId()).isEqualTo("531915550");
        assertThat(docs.followerCount()).isEqualTo(21263);
        assertThat(docs.followingCount()).isEqualTo(29);
        assertThat(docs.likedAndCollectedCount()).isEqualTo(81172);
        assertThat(docs.noteCount()).isEqualTo(270);
        assertThat(docs.complete()).isTrue();

        ProfileData live = JoaMapping.profile(data("get-user-v3.live.json", JoaUser.class), "unused");
        assertThat(live.redId()).as("an empty red_id is no red id").isNull();
        assertThat(live.nickname()).isEqualTo("中国平安");
    }

    @Test
    void noteListsOldAndNew() throws Exception {
        JoaNoteListPage docs = data("get-user-note-list-v4.json", JoaNoteListPage.class);
        assertThat(docs.cursor()).isNull();
        NoteData pinned = JoaMapping.listedNote(docs.notes().get(0));
        assertThat(pinned.pinned()).isTrue();
        assertThat(pinned.publishedAt()).isEqualTo(Instant.ofEpochSecond(1672711223));
        assertThat(pinned.likeCount()).isEqualTo(1481);
        assertThat(pinned.author().nickname()).isEqualTo("是六金呀～");
        assertThat(pinned.knownFullText()).as("a 100-character excerpt may have been cut").isNull();

        JoaNoteListPage live = data("get-user-note-list-v4.live-trimmed.json", JoaNoteListPage.class);
        assertThat(live.cursor()).isEqualTo(live.notes().get(live.notes().size() - 1).cursor());
        assertThat(live.hasMore()).isTrue();

        JoaNoteListPage end = data("get-user-note-list-v2.json", JoaNoteListPage.class);
        assertThat(end.notes()).isEmpty();
        assertThat(end.hasMore()).isFalse();
    }

    @Test
    void noteDetails() throws Exception {
        JsonNode data = Fixtures.recorded("get-note-detail-v1.live.json").get("data");
        JoaNoteDetail detail = JSON.treeToValue(data.get(0), JoaNoteDetail.class);
        NoteData note = JoaMapping.detail(List.of(detail), "65bf5360000000002c03f684");
        assertThat(note.xhsId()).isEqualTo("65bf5360000000002c03f684");
        assertThat(note.text()).startsWith("第一次入場睇波").hasSizeGreaterThan(100);
        assertThat(note.knownFullText()).isEqualTo(note.text());
        assertThat(note.commentCount()).isEqualTo(937);
        assertThat(note.ipLocation()).isEqualTo("中国香港");
        assertThat(note.author().xhsId()).isEqualTo("61e0f15300000000210253a5");
        assertThat(note.author().redId()).isEqualTo("6549966580");
        assertThat(note.images()).isNotEmpty();
    }

    @Test
    void commentsWithPicturesTagsAndInlineReplies() throws Exception {
        JoaCommentPage docs = data("get-note-comment-v2.json", JoaCommentPage.class);
        assertThat(docs.commentCountL1()).isEqualTo(15);
        assertThat(docs.cursor()).isEqualTo("{\"index\":2,\"pageArea\":\"FOLDED\"}");
        Page<CommentData> page = JoaMapping.commentPage(docs, "698af6400000000015031456");
        CommentData first = page.items().get(0);
        assertThat(first.ipLocation()).isEqualTo("广东");
        assertThat(first.replyCount()).isEqualTo(4);
        assertThat(first.isReply()).isFalse();
        CommentData inline = first.preview().get(0);
        assertThat(inline.author().noteAuthor()).as("tagged is_author").isTrue();
        assertThat(inline.replyToId()).isEqualTo(first.xhsId());

        JoaCommentPage live = data("get-note-comment-v2.live.json", JoaCommentPage.class);
        List<CommentData> comments = JoaMapping.commentPage(live, "65bf5360000000002c03f684").items();
        assertThat(comments).hasSize(10).allMatch(c -> c.ipLocation() == null);
        assertThat(comments).anyMatch(c -> !c.pictures().isEmpty());
        assertThat(live.commentCountL1()).isEqualTo(795);
    }

    @Test
    void repliesAnswerTheRootOrAnotherReply() throws Exception {
        JoaCommentPage page = data("get-note-sub-comment-v2.live.json", JoaCommentPage.class);
        String root = "65bf56d3000000000803f4ec";
        List<CommentData> replies = JoaMapping.replyPage(page, "65bf5360000000002c03f684", root).items();
        assertThat(replies.get(0).replyToId()).isEqualTo(root);
        assertThat(replies.get(1).replyToId()).isEqualTo("65bf6392000000000800b405");
        assertThat(replies.get(1).replyToReference().rootId()).isEqualTo(root);
        assertThat(replies.get(0).replyToReference().rootId()).as("the root is top-level").isNull();
        assertThat(replies).allMatch(r -> r.rootId().equals(root) && r.replyCount() == null);
    }
}
