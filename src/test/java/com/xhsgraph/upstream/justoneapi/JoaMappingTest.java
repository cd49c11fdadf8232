package com.xhsgraph.upstream.justoneapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.xhsgraph.service.model.Answer;
import com.xhsgraph.service.model.CommentData;
import com.xhsgraph.service.model.ImageData;
import com.xhsgraph.service.model.NoteData;
import com.xhsgraph.service.model.NoteExtras;
import com.xhsgraph.service.model.Page;
import com.xhsgraph.service.model.ProfileData;
import com.xhsgraph.service.model.UpstreamException;
import com.xhsgraph.support.Fixtures;

/**
 * Every recorded response, docs example and live capture alike, maps into the service's model with what it really
 * carries: the largest image variants with their sizes, topics, mentions, share links, previews, labels; and odd
 * answers (counts as text, malformed items, characters PostgreSQL refuses) cost a value, never the page.
 */
class JoaMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JoaMapping MAPPING = new JoaMapping(JSON);

    private static JsonNode data(String fixture) {
        return Fixtures.recorded(fixture).get("data");
    }

    @Test
    void profiles() {
        ProfileData docs = MAPPING.profile(data("get-user-v3.json"), "unused").value();
        assertThat(docs.xhsId()).isEqualTo("5c2f338a000000000701e1c6");
        assertThat(docs.redId()).isEqualTo("531915550");
        assertThat(docs.followerCount()).isEqualTo(21263);
        assertThat(docs.followingCount()).isEqualTo(29);
        assertThat(docs.likedAndCollectedCount()).isEqualTo(81172);
        assertThat(docs.noteCount()).isEqualTo(270);
        assertThat(docs.gender()).isEqualTo(1);
        assertThat(docs.verified()).isFalse();
        assertThat(docs.extras().tags()).extracting("type", "name").containsExactly(
                org.assertj.core.groups.Tuple.tuple("info", "28岁"));
        assertThat(docs.extras().level()).isZero();
        assertThat(docs.extras().shareUrl()).contains("/user/profile/5c2f338a000000000701e1c6").contains("xsec_token=");
        assertThat(docs.complete()).isTrue();

        ProfileData live = MAPPING.profile(data("get-user-v3.live.json"), "unused").value();
        assertThat(live.redId()).as("an empty red_id is no red id").isNull();
        assertThat(live.nickname()).isEqualTo("中国平安");
        assertThat(live.verified()).as("verify type 2 with a text is verified, whatever red_official_verified says")
                .isTrue();
        assertThat(live.extras().verification()).isEqualTo("保险");
        assertThat(live.extras().level()).as("the live level has no number").isNull();

        ProfileData v4 = MAPPING.profile(data("get-user-v4.json"), "unused").value();
        assertThat(v4.extras().tags()).extracting("name").containsExactly("广东东莞", "家居博主", "母婴博主");
    }

    @Test
    void aUserTheUpstreamDoesNotKnowIsNotFoundEvenWithCodeZero() {
        ObjectNode failed = data("get-user-v3.json").deepCopy();
        ((ObjectNode) failed.get("result")).put("success", false);
        assertThatThrownBy(() -> MAPPING.profile(failed, "5c2f338a000000000701e1c6"))
                .isInstanceOf(UpstreamException.class)
                .extracting(e -> ((UpstreamException) e).kind()).isEqualTo(UpstreamException.Kind.NOT_FOUND);

        ObjectNode empty = JSON.createObjectNode();
        empty.put("fans", 0);
        assertThatThrownBy(() -> MAPPING.profile(empty, "5c2f338a000000000701e1c6"))
                .isInstanceOf(UpstreamException.class);
    }

    @Test
    void noteListsOldAndNew() {
        Page<NoteData> docs = MAPPING.notePage(data("get-user-note-list-v4.json")).value();
        NoteData pinned = docs.items().get(0);
        assertThat(docs.nextCursor()).as("no data.cursor: the last note's cursor").isEqualTo(pinned.xhsId());
        assertThat(pinned.pinned()).isTrue();
        assertThat(pinned.publishedAt()).isEqualTo(Instant.ofEpochSecond(1672711223));
        assertThat(pinned.likeCount()).isEqualTo(1481);
        assertThat(pinned.author().nickname()).isEqualTo("是六金呀～");
        assertThat(pinned.knownFullText()).as("a 100-character excerpt may have been cut").isNull();
        ImageData image = pinned.images().get(0);
        assertThat(image.url()).as("the largest variant the list has").contains("/w/1440/");
        assertThat(image.width()).isEqualTo(1280);
        assertThat(image.height()).isEqualTo(1707);
        assertThat(pinned.extras().tags()).extracting("name").startsWith("笔记灵感", "鱼尾裙");

        Answer<Page<NoteData>> live = MAPPING.notePage(data("get-user-note-list-v4.live-trimmed.json"));
        Page<NoteData> page = live.value();
        assertThat(page.nextCursor()).isEqualTo(page.items().get(page.items().size() - 1).xhsId());
        assertThat(page.hasMore()).isTrue();
        NoteData last = page.items().get(1);
        assertThat(last.images()).as("images whose url is empty still have their large variant").hasSizeGreaterThan(1)
                .allMatch(i -> i.url().contains("/w/1440/"));
        ImageData big = last.images().get(0);
        assertThat(big.width()).as("scaled into the 1440 box").isLessThanOrEqualTo(1440);
        assertThat(live.raw()).containsKeys(page.items().get(0).xhsId(), last.xhsId());

        Page<NoteData> end = MAPPING.notePage(data("get-user-note-list-v2.json")).value();
        assertThat(end.items()).isEmpty();
        assertThat(end.hasMore()).isFalse();
    }

    @Test
    void searchResultsAndShareLinks() {
        Answer<Page<NoteData>> found = MAPPING.searchNotePage(data("search-note-v2.json"), 1);
        NoteData note = found.value().items().get(0);
        assertThat(note.xhsId()).isEqualTo("69abb712000000001600a32a");
        assertThat(note.likeCount()).isEqualTo(15);
        assertThat(note.collectCount()).isEqualTo(9);
        assertThat(note.commentCount()).isEqualTo(25);
        assertThat(note.shareCount()).isEqualTo(14);
        assertThat(note.publishedAt()).isEqualTo(Instant.ofEpochSecond(1772861202));
        assertThat(note.editedAt()).as("last_update_time 0 is no time").isNull();
        assertThat(note.excerpt()).startsWith("#海信洗衣机");
        assertThat(note.author().xhsId()).isEqualTo("6276a4d10000000021026c1f");
        assertThat(note.author().nickname()).isEqualTo("郑州卖海信电视容声冰箱团购处");
        assertThat(note.author().redId()).isEqualTo("1527435277");
        assertThat(note.images()).isNotEmpty();
        assertThat(found.value().hasMore()).as("no has_more: a page with results may have a next").isTrue();
        assertThat(found.value().nextCursor()).isEqualTo("2");
        assertThat(found.raw()).containsKey(note.xhsId());

        Page<ProfileData> users = MAPPING.searchUserPage(data("search-user-v2.json"), 1).value();
        assertThat(users.items()).hasSize(20);
        assertThat(users.items().get(0).nickname()).isEqualTo("Amir Ali");
        assertThat(users.items().get(0).redId()).isEqualTo("26814156493");
        assertThat(users.items().get(0).avatarUrl()).startsWith("https://");
        assertThat(users.items().get(0).complete()).as("a search result is not a profile").isFalse();

        JsonNode empty = JSON.createObjectNode().putArray("items").removeAll();
        assertThat(MAPPING.searchNotePage(JSON.createObjectNode().set("items", empty), 3).value().hasMore())
                .as("an empty page ends the results").isFalse();

        assertThat(MAPPING.shareTarget(data("share-url-transfer-v1.json"), "http://xhslink.com/a/x").value().url())
                .startsWith("https://www.xiaohongshu.com/discovery/item/69a8b0b9000000001a02fb14?");
        assertThatThrownBy(() -> MAPPING.shareTarget(JSON.createObjectNode().put("redirect_url", ""), "l"))
                .isInstanceOf(UpstreamException.class);
    }

    @Test
    void noteDetails() {
        NoteData docs = MAPPING.detail(data("get-note-detail-v1.json"), "698ab064000000001503876d").value();
        assertThat(docs.extras().tags()).extracting("name")
                .containsExactly("我是春节主理人", "咔嚓一张新年照", "新年写真", "国风", "拍照姿势不重样");
        assertThat(docs.extras().tags().get(0).id()).isEqualTo("696a7c83000000001b01014c");
        assertThat(docs.extras().mentions()).containsExactly(
                new NoteExtras.MentionData("5b100874f7e8b932e02cfc6d", "小羊崽吃了吗"));
        assertThat(docs.extras().shareUrl()).startsWith("https://www.xiaohongshu.com/discovery/item/698ab064")
                .as("the token the link lacks, from the mini program's path")
                .endsWith("&xsec_token=CBTVMpyskaCdfD88YIySqnm4XGnFXFQGsDjD_OI1aB3GE%3D");
        assertThat(docs.images().get(0).url()).as("the original, not the 576 preview").contains("/w/5000/h/5000/");
        assertThat(docs.images().get(0).width()).isEqualTo(1080);
        assertThat(docs.images().get(0).height()).isEqualTo(1920);
        assertThat(docs.pinned()).as("only the note list knows what is pinned").isNull();

        Answer<NoteData> answer = MAPPING.detail(data("get-note-detail-v1.live.json"), "65bf5360000000002c03f684");
        NoteData note = answer.value();
        assertThat(note.xhsId()).isEqualTo("65bf5360000000002c03f684");
        assertThat(note.text()).startsWith("第一次入場睇波").hasSizeGreaterThan(100);
        assertThat(note.knownFullText()).isEqualTo(note.text());
        assertThat(note.commentCount()).isEqualTo(937);
        assertThat(note.ipLocation()).isEqualTo("中国香港");
        assertThat(note.author().xhsId()).isEqualTo("61e0f15300000000210253a5");
        assertThat(note.author().redId()).isEqualTo("6549966580");
        assertThat(note.extras().tags()).hasSize(10);
        assertThat(note.extras().shareUrl()).contains("xsec_token=");
        assertThat(answer.raw().get(note.xhsId())).contains("\"hash_tag\"");
    }

    @Test
    void commentsWithPreviewsLabelsMentionsAndPictures() {
        Page<CommentData> docs = MAPPING.commentPage(data("get-note-comment-v2.json"), "698af6400000000015031456")
                .value();
        CommentData first = docs.items().get(0);
        assertThat(first.ipLocation()).isEqualTo("广东");
        assertThat(first.replyCount()).isEqualTo(4);
        assertThat(first.isReply()).isFalse();
        assertThat(first.preview().replies()).hasSize(1);
        assertThat(first.preview().cursor()).isEqualTo("{\"cursor\":\"698b0c0e000000000800f001\",\"index\":1}");
        assertThat(first.preview().complete(first.replyCount())).as("1 of 4 replies").isFalse();
        CommentData inline = first.preview().replies().get(0);
        assertThat(inline.author().noteAuthor()).as("tagged is_author").isTrue();
        assertThat(inline.replyToId()).isEqualTo(first.xhsId());
        CommentData whole = docs.items().get(1);
        assertThat(whole.preview().complete(whole.replyCount())).as("1 of 1 reply").isTrue();
        assertThat(docs.items().get(11).extras().labels()).containsExactly("note_first");
        assertThat(docs.items().get(12).extras().labels()).containsExactly("author_liked");
        assertThat(docs.items().get(10).extras().mentions()).hasSize(4)
                .contains(new NoteExtras.MentionData("5ea15f4b000000000100bbbf", "Komorebize"));
        assertThat(docs.order()).isEqualTo("default");

        Page<CommentData> live = MAPPING.commentPage(data("get-note-comment-v2.live.json"), "65bf5360000000002c03f684")
                .value();
        assertThat(live.items()).hasSize(10).allMatch(c -> c.ipLocation() == null)
                .allMatch(c -> c.preview().replies().isEmpty());
        assertThat(live.items()).anyMatch(c -> c.status() == 3);
        ImageData picture = live.items().stream().flatMap(c -> c.pictures().stream()).findFirst().orElseThrow();
        assertThat(picture.url()).as("origin_url, the largest").contains("/w/1280/");
        assertThat(live.totalCount()).isEqualTo(795);

        Page<CommentData> v4 = MAPPING.commentPage(data("get-note-comment-v4.json"), "65bf5360000000002c03f684")
                .value();
        assertThat(v4.newestFirst()).isTrue();
    }

    @Test
    void repliesAnswerTheRootOrAnotherReply() {
        String root = "65bf56d3000000000803f4ec";
        List<CommentData> replies = MAPPING.replyPage(data("get-note-sub-comment-v2.live.json"),
                "65bf5360000000002c03f684", root).value().items();
        assertThat(replies.get(0).replyToId()).isEqualTo(root);
        assertThat(replies.get(1).replyToId()).isEqualTo("65bf6392000000000800b405");
        assertThat(replies.get(1).replyToReference().rootId()).isEqualTo(root);
        assertThat(replies.get(0).replyToReference().rootId()).as("the root is top-level").isNull();
        assertThat(replies).allMatch(r -> r.rootId().equals(root) && r.replyCount() == null);
    }

    @Test
    void countsAsTextMalformedItemsAndUnstorableCharactersCostAValueNotThePage() {
        ObjectNode page = data("get-user-note-list-v4.json").deepCopy();
        ArrayNode notes = (ArrayNode) page.get("notes");
        ObjectNode odd = (ObjectNode) notes.get(0);
        odd.put("likes", "1.2万");
        odd.put("comments_count", "10+");
        odd.put("collected_count", "3,456");
        odd.putObject("share_count").put("weird", 1);
        odd.put("title", "nul\u0000 and a lone \uD83D surrogate");
        notes.add("not an object");
        ObjectNode commaId = notes.addObject();
        commaId.put("id", "63b38c37,0000000000000001");
        ObjectNode fine = notes.addObject();
        fine.put("id", "63b38c370000000000000002");
        fine.put("likes", 7);

        Answer<Page<NoteData>> answer = MAPPING.notePage(page);
        List<NoteData> items = answer.value().items();
        assertThat(items).extracting(NoteData::xhsId).containsExactly(odd.get("id").asText(),
                "63b38c370000000000000002");
        NoteData read = items.get(0);
        assertThat(read.likeCount()).isEqualTo(12_000);
        assertThat(read.commentCount()).isEqualTo(10);
        assertThat(read.collectCount()).isEqualTo(3456);
        assertThat(read.shareCount()).isNull();
        assertThat(read.title()).isEqualTo("nul and a lone  surrogate");
        assertThat(answer.raw().get(read.xhsId())).doesNotContain("\\u0000").contains("1.2万");
    }

    @Test
    void videoNotesCarryLengthCoverAndStreams() throws Exception {
        // shaped as video_info_v2 is in live note lists (the recorded list was trimmed of its video notes)
        ObjectNode page = data("get-user-note-list-v4.json").deepCopy();
        ObjectNode note = (ObjectNode) page.get("notes").get(0);
        note.put("type", "video");
        note.set("video_info_v2", JSON.readTree("""
                {"capa": {"duration": 25},
                 "image": {"first_frame": "https://sns-img/frame.jpg"},
                 "media": {"video": {"duration": 26, "width": 1080, "height": 1920},
                           "stream": {"h264": [{"master_url": "https://sns-v/a_258.mp4", "video_codec": "h264",
                                                "quality_type": "HD", "width": 720, "height": 1280,
                                                "default_stream": 0, "size": 4100000}],
                                      "h265": [{"master_url": "https://sns-v/b_513.mp4", "video_codec": "hevc",
                                                "quality_type": "HD", "width": 720, "height": 1280,
                                                "default_stream": 1, "size": 2900000},
                                               {"master_url": "https://sns-v/c_301.mp4", "video_codec": "hevc",
                                                "quality_type": "FHD", "width": 1080, "height": 1920,
                                                "default_stream": 0}]}}}
                """));

        NoteExtras.VideoData video = MAPPING.notePage(page).value().items().get(0).extras().video();
        assertThat(video.durationSeconds()).isEqualTo(26);
        assertThat(video.cover().url()).contains("/w/1440/");
        assertThat(video.streams()).extracting(NoteExtras.StreamData::url).containsExactly(
                "https://sns-v/b_513.mp4", "https://sns-v/c_301.mp4", "https://sns-v/a_258.mp4");
    }

    @Test
    void countsTheWayTheAppShowsThem() {
        assertThat(LenientScalars.count("1.2万")).isEqualTo(12_000);
        assertThat(LenientScalars.count("3亿")).isEqualTo(300_000_000);
        assertThat(LenientScalars.count("10+")).isEqualTo(10);
        assertThat(LenientScalars.count("2.5w")).isEqualTo(25_000);
        assertThat(LenientScalars.count("937")).isEqualTo(937);
        assertThat(LenientScalars.count("1e999999999")).as("no exponents: too dear to scale").isNull();
        assertThat(LenientScalars.count("lots")).isNull();
        assertThat(LenientScalars.count("")).isNull();
    }

    @Test
    void topicsAreReadFromTheMarkupOnly() {
        assertThat(JoaMapping.topics("#美斯[话题]# #國際邁亞密對香港隊 #足球[话题]#  #美斯[话题]#"))
                .extracting("name").containsExactly("美斯", "足球");
    }
}
