package com.xhsgraph.upstream.justoneapi.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code video_info_v2} of a video note in the note list: its length ({@code capa.duration} and
 * {@code media.video.duration}, seconds), its frames ({@code image}) and its streams ({@code media.stream.h264/h265}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RegisterForReflection
public record JoaVideoInfo(Capa capa, Frames image, Media media) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public record Capa(Long duration) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @RegisterForReflection
    public record Frames(String firstFrame, String thumbnail) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public record Media(Streams stream, Video video) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public record Streams(List<Stream> h264, List<Stream> h265) {}

    /** One encoding; {@code duration} in milliseconds, {@code size} in bytes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @RegisterForReflection
    public record Stream(String masterUrl, List<String> backupUrls, Integer width, Integer height,
            String videoCodec, String qualityType, Long duration, Integer defaultStream, Long size) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public record Video(Long duration, Integer width, Integer height) {}
}
