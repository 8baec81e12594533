package io.modellibrary.account;

import io.modellibrary.common.RefusalException;

/**
 * A "no" of the seed's account endpoints that the web client branches on: HTTP 200 with
 * code 0 and this message ({@code user name registered}, {@code wrong username or password},
 * {@code no login}).
 */
class Refusal extends RefusalException {

    static final String USERNAME_TAKEN = "user name registered";
    static final String WRONG_CREDENTIALS = "wrong username or password";

    Refusal(String message) {
        super(message);
    }
}
