package com.xhsgraph.service.model;

/** An image of a note or a picture of a comment, with its size in pixels when the upstream says. */
public record ImageData(String url, Integer width, Integer height) {}
