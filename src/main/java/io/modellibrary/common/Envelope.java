package io.modellibrary.common;

/**
 * The body of every JSON response: {@code {"code": int, "msg": string, "data": ...}}.
 * {@code code} is 1 for a completed login/registration/profile, 0 for everything else
 * (see docs/http-contract.md#envelope); the HTTP status tells success from failure.
 */
public record Envelope<T>(int code, String msg, T data) {

    public static final String SUCCESS = "success";
    public static final String NO_LOGIN = "no login";
    public static final String NO_SUCH_ITEM = "no such item";

    public static <T> Envelope<T> ok(T data) {
        return new Envelope<>(0, SUCCESS, data);
    }

    /** A list or label read: the seed answers {@code no login} to anonymous callers. */
    public static <T> Envelope<T> read(T data, boolean signedIn) {
        return new Envelope<>(0, signedIn ? SUCCESS : NO_LOGIN, data);
    }

    public static <T> Envelope<T> done(String msg, T data) {
        return new Envelope<>(1, msg, data);
    }

    public static <T> Envelope<T> refusal(String msg) {
        return new Envelope<>(0, msg, null);
    }
}
