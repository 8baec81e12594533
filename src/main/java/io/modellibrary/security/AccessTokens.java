package io.modellibrary.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The format of access tokens: {@value #PREFIX} followed by 43 base64url characters (256
 * random bits), so that secret scanners and people recognise one. The prefix is the Hugging
 * Face Hub's: {@code @huggingface/hub utils/checkCredentials.ts} refuses any token not starting
 * with {@code hf_} before sending a request. Tokens issued before with {@value #LEGACY_PREFIX}
 * keep working. Only
 * {@link #hash(String) SHA-256} of a token is stored; with 256 random bits a fast hash is
 * enough (no dictionary to guess from), and it lets the token be looked up by {@code _id}.
 */
public final class AccessTokens {

    public static final String PREFIX = "hf_";
    /** The prefix of tokens issued before the Hub's: still accepted, never issued. */
    public static final String LEGACY_PREFIX = "mlt_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccessTokens() {
    }

    /** A new random token. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when the value has the shape of an access token (not of a JWT). */
    public static boolean looksLikeOne(String value) {
        return value.startsWith(PREFIX) || value.startsWith(LEGACY_PREFIX);
    }

    /** The stored form: lower-case hex SHA-256 of the token's UTF-8 bytes. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
