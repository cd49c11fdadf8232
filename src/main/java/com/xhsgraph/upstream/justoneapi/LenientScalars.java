package com.xhsgraph.upstream.justoneapi;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Reads the vendor's scalars leniently, so that an odd value costs that value, not the item (or the page) it is in:
 * numbers that arrive as display text ("1.2万", "10+", "3,456") become numbers, and a scalar field that holds an object
 * or an array reads as null. The vendor bills a page whether or not it can be read.
 */
final class LenientScalars extends SimpleModule {

    LenientScalars() {
        super("xhs-graph lenient scalars");
        addDeserializer(Long.class, new JsonDeserializer<>() {
            @Override
            public Long deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return readLong(p);
            }
        });
        addDeserializer(Integer.class, new JsonDeserializer<>() {
            @Override
            public Integer deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                Long value = readLong(p);
                return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
            }
        });
        addDeserializer(Boolean.class, new JsonDeserializer<>() {
            @Override
            public Boolean deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                JsonToken token = p.currentToken();
                if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                    return token == JsonToken.VALUE_TRUE;
                }
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    return p.getLongValue() != 0;
                }
                if (token == JsonToken.VALUE_STRING) {
                    String text = p.getText().trim();
                    return "true".equalsIgnoreCase(text) || "1".equals(text)
                            ? Boolean.TRUE
                            : "false".equalsIgnoreCase(text) || "0".equals(text) ? Boolean.FALSE : null;
                }
                p.skipChildren();
                return null;
            }
        });
        addDeserializer(String.class, new JsonDeserializer<>() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                JsonToken token = p.currentToken();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    return null;
                }
                return token == JsonToken.VALUE_NULL ? null : p.getValueAsString();
            }
        });
    }

    /** Plain decimals only: no exponent, which would make a hostile "1e999999999" expensive to scale. */
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("-?\\d{1,15}(\\.\\d{1,6})?");

    private static Long readLong(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            try {
                return p.getLongValue();
            } catch (IOException tooLarge) {
                return p.getBigIntegerValue().signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return Math.round(p.getDoubleValue());
        }
        if (token == JsonToken.VALUE_STRING) {
            return count(p.getText());
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            p.skipChildren();
        }
        return null;
    }

    /**
     * A count as the app displays it: "937", "3,456", "1.2万" (ten thousands), "3亿" (hundred millions), "2.5w", "1k",
     * "10+" (at least ten: counts as ten). Null when it is not a count.
     */
    static Long count(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim().replace(",", "").replace("，", "").replace(" ", "");
        if (s.endsWith("+")) {
            s = s.substring(0, s.length() - 1);
        }
        long unit = 1;
        if (s.endsWith("万") || s.endsWith("w") || s.endsWith("W")) {
            unit = 10_000;
        } else if (s.endsWith("亿")) {
            unit = 100_000_000;
        } else if (s.endsWith("k") || s.endsWith("K") || s.endsWith("千")) {
            unit = 1_000;
        }
        if (unit != 1) {
            s = s.substring(0, s.length() - 1);
        }
        if (!DECIMAL.matcher(s).matches()) {
            return null;
        }
        try {
            return new BigDecimal(s).multiply(BigDecimal.valueOf(unit)).setScale(0, java.math.RoundingMode.HALF_UP)
                    .longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
