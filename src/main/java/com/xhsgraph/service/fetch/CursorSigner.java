package com.xhsgraph.service.fetch;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.xhsgraph.service.model.InvalidInputException;

/**
 * Signs cursors with HMAC-SHA256 so that a client can pass back only cursors this service gave out: a forged or altered
 * cursor fails the check before anything is fetched. The first key signs; every key verifies, so that cursors signed
 * with a key being rotated out stay valid for its grace period.
 */
public final class CursorSigner {

    /** Bytes of the HMAC kept in a cursor: 128 bits, ample against forgery, short in URLs. */
    static final int TAG_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final List<SecretKeySpec> keys;

    /** @param secrets the keys, the signing one first; each at least 16 bytes */
    public CursorSigner(List<byte[]> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a cursor signer needs at least one key");
        }
        for (byte[] secret : secrets) {
            if (secret.length < 16) {
                throw new IllegalArgumentException("a cursor key must have at least 16 bytes");
            }
        }
        this.keys = secrets.stream().map(s -> new SecretKeySpec(s, ALGORITHM)).toList();
    }

    /** A signer with one key derived from {@code text}, for tests and tools. */
    public static CursorSigner of(String... texts) {
        return new CursorSigner(Arrays.stream(texts).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** {@code payload} and its signature, as one URL-safe token. */
    public String sign(byte[] payload) {
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(tag(keys.get(0), payload));
    }

    /**
     * The payload of a token {@link #sign} made with any of the keys.
     *
     * @throws InvalidInputException when the token is malformed or its signature is not one of ours
     */
    public byte[] open(String token, InvalidInputException refusal) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            throw refusal;
        }
        byte[] payload;
        byte[] tag;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            tag = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw refusal;
        }
        if (tag.length != TAG_BYTES) {
            throw refusal;
        }
        for (SecretKeySpec key : keys) {
            if (MessageDigest.isEqual(tag, tag(key, payload))) {
                return payload;
            }
        }
        throw refusal;
    }

    private static byte[] tag(SecretKeySpec key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
