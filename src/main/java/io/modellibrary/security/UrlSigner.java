package io.modellibrary.security;

import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Signatures for self-authorising URLs (the Git LFS upload URLs, which both Hub clients send
 * without {@code Authorization}: docs/hub-api.md §5.2). HMAC-SHA256 under a key derived from
 * the token signing key ({@link SigningKey}): {@code HMAC(signingKey, "url-signatures/v1")}, so
 * a URL signature can never pass as a token signature or the other way round. Signatures are
 * base64url without padding and compared in constant time.
 */
@Component
public class UrlSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    UrlSigner(SigningKey signingKey) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(signingKey.key().getEncoded(), ALGORITHM),
                "url-signatures/v1"), ALGORITHM);
    }

    /** The signature of {@code payload} (the URL's fields, joined unambiguously by the caller). */
    public String sign(String payload) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, payload));
    }

    /** True when {@code signature} is {@link #sign}{@code (payload)}; constant time. */
    public boolean verify(String payload, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(SecretKeySpec key, String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing", e);
        }
    }
}
