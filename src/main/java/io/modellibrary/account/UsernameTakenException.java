package io.modellibrary.account;

/**
 * The name asked for is held by a user or an organisation (or, case aside, a bare repository).
 * The seed API answers it as its other business "no"s (HTTP 200, code 0, {@code user name registered},
 * which its old client branches on); the web pages say it in words ({@code web.Forms}).
 */
public final class UsernameTakenException extends Refusal {

    UsernameTakenException() {
        super(USERNAME_TAKEN);
    }
}
