package io.modellibrary.versioning;

/**
 * A branch or tag that cannot be created because the name is taken, by a branch or by a
 * tag ({@code main} always is). The web layer answers 409 with the message.
 */
public class RefExistsException extends RuntimeException {

    private final Refs.Kind kind;
    private final String name;

    /**
     * @param kind what holds the name now
     * @param name the name
     */
    public RefExistsException(Refs.Kind kind, String name) {
        super("a " + kind.id() + " named " + name + " already exists");
        this.kind = kind;
        this.name = name;
    }

    /** What holds the name now. */
    public Refs.Kind kind() {
        return kind;
    }

    /** The name asked for. */
    public String name() {
        return name;
    }
}
