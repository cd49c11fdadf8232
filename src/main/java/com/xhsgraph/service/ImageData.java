package com.xhsgraph.service;

/** An image of a note or a picture of a comment. */
public record ImageData(String url, Integer width, Integer height) {}
